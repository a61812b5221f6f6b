import { email, type EmailSpec } from '../scenario.js';

// Realistic mail the catalogue reuses: senders, subjects and bodies as they arrive in an inbox.

export const NOW = '2026-11-24T09:00:00Z';

const UPDATES = ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'];
const PROMOS = ['INBOX', 'UNREAD', 'CATEGORY_PROMOTIONS'];

export const mails = {
  vergeNewsletter: (): EmailSpec =>
    email(
      'The Verge <newsletter@theverge.com>',
      'Verge Deals & Command Line: the week in tech',
      "Welcome to this week's newsletter. Apple's new iPad, Google's antitrust ruling and more. You are receiving this email because you subscribed. Unsubscribe | Manage preferences",
      { labels: UPDATES, listUnsubscribe: '<https://www.theverge.com/newsletters/unsubscribe?u=8f2a>, <mailto:unsub-8f2a@theverge.com>' },
    ),
  morningBrew: (): EmailSpec =>
    email(
      'Morning Brew <crew@morningbrew.com>',
      '☕ The Fed blinks',
      'Good morning. Markets rallied after the Fed held rates. In this newsletter: chips, oil and a very expensive sandwich. Unsubscribe anytime.',
      { listUnsubscribe: '<https://link.morningbrew.com/unsubscribe/93ab>' },
    ),
  substackHtml: (): EmailSpec =>
    email(
      "Lenny's Newsletter <lenny@substack.com>",
      'How the best product teams run planning',
      '<html><body><table><tr><td><h1>How the best product teams run planning</h1><p>Welcome to a 🔒 subscriber-only edition of my weekly newsletter.</p><p><a href="https://substack.com/redirect/2/unsub">Unsubscribe</a></p></td></tr></table></body></html>',
      { listUnsubscribe: '<https://lenny.substack.com/action/disable_email?token=eyJ1>', labels: UPDATES },
    ),
  leMonde: (): EmailSpec =>
    email(
      'Le Monde <newsletters@lemonde.fr>',
      "La lettre de l'éco : les marchés face à la BCE",
      "Bonjour, voici votre lettre d'information du mardi. Les marchés attendent la décision de la BCE. Pour vous désinscrire, cliquez ici.",
      { listUnsubscribe: '<https://www.lemonde.fr/newsletters/desinscription?id=77>' },
    ),
  spiegel: (): EmailSpec =>
    email(
      'DER SPIEGEL <newsletter@spiegel.de>',
      'Die Lage am Morgen: Was heute wichtig ist',
      'Guten Morgen, heute geht es um den Haushalt, den Bahnstreik und das Wetter. Newsletter abbestellen: hier klicken.',
      { listUnsubscribe: '<mailto:abmelden@newsletter.spiegel.de>' },
    ),
  elPais: (): EmailSpec =>
    email(
      'EL PAÍS <boletines@elpais.es>',
      'Boletín de la mañana: lo que tienes que saber hoy',
      'Buenos días. Estas son las noticias más importantes del día. Si no deseas recibir este boletín, date de baja aquí.',
      { listUnsubscribe: '<https://suscripciones.elpais.com/baja?e=91>' },
    ),
  nikkei: (): EmailSpec =>
    email(
      '日経電子版 <mail@nikkei.com>',
      '【日経電子版】朝刊ダイジェスト 11月24日',
      'おはようございます。本日の主なニュースをお届けします。配信停止はこちら。',
      { listUnsubscribe: '<https://www.nikkei.com/mail/stop?id=5521>' },
    ),
  nikeSale: (): EmailSpec =>
    email(
      'Nike <nike@official.nike.com>',
      'Members get 25% off: Black Friday starts now',
      'Shop now and save up to 25% on sneakers, hoodies and more. Limited time. Free shipping for members.',
      { labels: PROMOS, listUnsubscribe: '<https://www.nike.com/unsubscribe?u=3c1>' },
    ),
  bookingCaps: (): EmailSpec =>
    email(
      'Booking.com <deals@booking.com>',
      'LAST CHANCE: SAVE UP TO 30% ON WINTER STAYS',
      'Ann, your Genius deals end tonight. Book now and save up to 30% in Vienna, Prague and Budapest.',
      { labels: PROMOS },
    ),
  emojiPromo: (): EmailSpec =>
    email(
      'Allbirds <hello@allbirds.com>',
      '🔥 48 hours only: 30% off everything 🔥',
      'Our biggest sale of the year is here. Use promo code COZY30 at checkout.',
      { labels: ['inbox', 'unread', 'category_promotions'], listUnsubscribe: '<https://allbirds.com/u/77>' },
    ),
  githubMention: (): EmailSpec =>
    email(
      'GitHub <notifications@github.com>',
      '[northwind/api] Fix flaky retry test (PR #482)',
      '@ann.lee mentioned you on pull request #482: "can you take a look at the retry backoff?" — Reply to this email directly or view it on GitHub.',
      { labels: UPDATES, listUnsubscribe: '<https://github.com/notifications/unsubscribe/AAB3>' },
    ),
  slackMessage: (): EmailSpec =>
    email('Slack <no-reply@slack.com>', 'New message from Dana Kim in #launch', 'Dana Kim sent you a message: "launch notes are in the doc". Open Slack to reply.', {
      labels: UPDATES,
    }),
  jiraAssigned: (): EmailSpec =>
    email(
      'Jira <jira@northwind.atlassian.net>',
      '[JIRA] (OPS-1432) Rotate staging certificates',
      'Daniel Okafor assigned OPS-1432 to you. Priority: Medium. View the issue in Jira.',
      { labels: UPDATES },
    ),
  delivered: (): EmailSpec =>
    email('Amazon.com <shipment-tracking@amazon.com>', 'Delivered: Anker USB-C charger', 'Your package was delivered. It was handed directly to a resident.', {
      labels: UPDATES,
    }),
  googleSignIn: (): EmailSpec =>
    email(
      'Google <no-reply@accounts.google.com>',
      'Security alert',
      'New sign-in to your Google Account ann.lee@northwind-labs.com on a Windows device. If this was you, you don\'t need to do anything. If not, we\'ll help you secure your account. Check activity',
      { labels: UPDATES },
    ),
  microsoftUnusual: (): EmailSpec =>
    email(
      'Microsoft account team <account-security-noreply@accountprotection.microsoft.com>',
      'Microsoft account unusual sign-in activity',
      'We detected something unusual about a recent sign-in to the Microsoft account an***@outlook.com. Country/region: Brazil. IP address: 187.45.x.x',
    ),
  appleNewDevice: (): EmailSpec =>
    email(
      'Apple <appleid@id.apple.com>',
      'Your Apple Account was used to sign in to iCloud via a web browser',
      'Dear Ann, your Apple Account was used to sign in to iCloud on a new device. Date and Time: November 24, 2026, 9:41 AM CET. If you have not recently signed in, change your password.',
    ),
  coinbaseCode: (): EmailSpec =>
    email('Coinbase <no-reply@coinbase.com>', 'Your verification code', 'Your Coinbase verification code is 482913. It expires in 10 minutes. Never share this code.'),
  mayaDinner: (): EmailSpec =>
    email('Maya Patel <maya.patel84@gmail.com>', 'Dinner on Saturday?', 'Hey! Are you free for dinner on Saturday? Thinking of that new Lebanese place near the park. Let me know!'),
  mayaPhotos: (): EmailSpec =>
    email('Maya Patel <maya.patel84@gmail.com>', 'Photos from the trip', 'Here are the photos from Lisbon, the tram one is my favourite. Miss you already!'),
  budgetReview: (): EmailSpec =>
    email(
      'Daniel Okafor <daniel.okafor@northwind-labs.com>',
      'Q3 budget deck — can you review by Friday?',
      'Hi Ann, could you review the Q3 budget deck before the leadership meeting on Friday? Mostly slides 4-9. Thanks, Daniel',
    ),
  urgentContract: (): EmailSpec =>
    email(
      'Sofia Rossi <sofia.rossi@northwind-labs.com>',
      'URGENT: signed contract needed today',
      'Ann, the client is waiting on the countersigned contract. Can you send it over today? Legal approved the redlines.',
    ),
  recruiter: (): EmailSpec =>
    email(
      'Priya Raman <priya@loomcrm.io>',
      'Quick question about Northwind’s sales stack',
      'Hi Ann, I noticed Northwind Labs is hiring SDRs. Would you be open to a 15-minute chat about how teams like yours cut CRM busywork? Best, Priya',
    ),
  noteToSelf: (): EmailSpec => email('$USER', 'note to self', 'buy milk, call the dentist, renew passport photos'),
  amazonOrder: (): EmailSpec =>
    email(
      'Amazon.com <auto-confirm@amazon.com>',
      'Your Amazon.com order #112-4839201-7782613',
      'Hello Ann, thank you for shopping with us. Ordered: "Anker USB-C Charger 65W". Order Total: $23.47. Arriving Thursday.',
      { labels: UPDATES },
    ),
  uberTrip: (): EmailSpec =>
    email(
      'Uber Receipts <noreply@uber.com>',
      'Your Tuesday evening trip with Uber',
      "Thanks for riding, Ann. Here's your receipt. Total $18.62. Trip fare $14.10, booking fee $2.52, tip $2.00. Visa ••••4242",
      { labels: UPDATES },
    ),
  appleReceipt: (): EmailSpec =>
    email('Apple <no_reply@email.apple.com>', 'Your receipt from Apple.', 'iCloud+ with 200 GB storage. Billed to Visa •••• 4242. Total £2.99. Apple ID ann.lee@icloud.com', {
      labels: UPDATES,
    }),
  hetznerInvoice: (): EmailSpec =>
    email(
      'Hetzner Online <billing@hetzner.com>',
      'Invoice 084712938 for November 2026',
      'Dear customer, please find attached your invoice 084712938. Amount: 27,13 €. The amount will be debited from your account.',
    ),
  zalandoGerman: (): EmailSpec =>
    email(
      'Zalando <info@service.zalando.de>',
      'Danke für deine Bestellung!',
      'Hallo Ann, vielen Dank für deine Bestellung 10203040506. Gesamtbetrag: 89,95 €. Zahlungsart: Rechnung.',
      { labels: UPDATES },
    ),
};

export function renewalMail(from: string, subject: string, body: string): EmailSpec {
  return email(from, subject, body, { labels: UPDATES });
}

export const renewals = {
  netflix: (amount: string): EmailSpec =>
    renewalMail(
      'Netflix <info@account.netflix.com>',
      'Your Netflix membership renews on December 3',
      `Hi Ann, just a reminder: your Standard plan renews on December 3, 2026. We will charge ${amount} to your Visa ending in 4242.`,
    ),
  spotify: (amount: string): EmailSpec =>
    renewalMail(
      'Spotify <no-reply@spotify.com>',
      'Your Premium plan will renew soon',
      `Your Spotify Premium Individual subscription will renew on December 1, 2026 for ${amount}/month. No action needed.`,
    ),
  onePassword: (amount: string): EmailSpec =>
    renewalMail(
      '1Password <billing@1password.com>',
      'Your 1Password Families membership will renew on December 10, 2026',
      `Your annual membership will automatically renew on December 10, 2026 for ${amount}. You can manage billing in your account.`,
    ),
};
