import type { ActionType } from '../../src/domain/index.js';
import { email, hoursBefore, type EmailSpec, type PriorStep, type Scenario } from '../scenario.js';
import { NOW } from './mail.js';

// Held-apart cases only generalisation solves. The user (observer, answering SkyTwin's shadow
// decisions) treats two groups of one kind of mail differently: five senders of one group get one
// action, four of the other another (each answer a confirmation where SkyTwin chose what the user
// wanted, a correction elsewhere). The scenario's mail comes from a sender
// never seen before, in one group or the other. The twin's habit for the kind follows whichever
// group weighs more, so alone it gets at most one side right; reading the mail (sender domain,
// labels, words) tells the groups apart. Tagged `generalisation`: the report prints their accuracy.

const UPDATES = ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'];
const PROMOS = ['INBOX', 'UNREAD', 'CATEGORY_PROMOTIONS'];

type Mail = [from: string, subject: string, body: string];

function news([from, subject, body]: Mail): EmailSpec {
  const domain = from.slice(from.indexOf('@') + 1, -1);
  return email(from, subject, `${body} You are receiving this newsletter because you subscribed. Unsubscribe here.`, {
    labels: UPDATES,
    listUnsubscribe: `<https://${domain}/unsubscribe>`,
  });
}
const receipt = ([from, subject, body]: Mail): EmailSpec => email(from, subject, body, { labels: UPDATES });
const notice = ([from, subject, body]: Mail): EmailSpec => email(from, subject, body, { labels: UPDATES });
function promo([from, subject, body]: Mail): EmailSpec {
  const domain = from.slice(from.indexOf('@') + 1, -1);
  return email(from, subject, `${body} Unsubscribe from marketing emails.`, { labels: PROMOS, listUnsubscribe: `<https://${domain}/optout>` });
}

interface Family {
  name: string;
  description: string;
  make: (mail: Mail) => EmailSpec;
  /** The five senders whose mail the user confirmed, and the one held apart. */
  confirmed: { mails: Mail[]; heldApart: Mail; action: ActionType; params?: Record<string, unknown> };
  /** The four senders whose mail the user corrected to `action`, and the one held apart. */
  corrected: { mails: Mail[]; heldApart: Mail; action: ActionType; params?: Record<string, unknown> };
}

const FAMILIES: Family[] = [
  {
    name: 'newsletters',
    description: 'tech newsletters archived, investment newsletters marked read',
    make: news,
    confirmed: {
      action: 'archive',
      mails: [
        ['Hacker Digest <digest@hackerdigest.io>', 'Compilers, Rust releases and TypeScript tooling', 'This week in programming: a new Rust release, compiler internals and TypeScript tooling.'],
        ['TypeScript Weekly <editor@tsweekly.dev>', 'TypeScript 5.9 and the compiler', 'Programming news: the TypeScript compiler, new releases and developer tooling.'],
        ['Rust Digest <news@rustdigest.org>', 'Rust releases and crates', 'Programming roundup: Rust compiler releases, crates and developer tooling.'],
        ['Frontend Focus <hello@frontendfoc.us>', 'Browser releases and CSS', 'Programming for the web: browser releases, JavaScript compilers and tooling.'],
        ['Golang Weekly <peter@golangweekly.com>', 'Go 1.24 released', 'Programming news for Go developers: compiler releases, libraries and tooling.'],
      ],
      heldApart: ['Zig Weekly <news@zigweekly.dev>', 'Zig compiler releases', 'Programming: the Zig compiler, new releases, libraries and developer tooling.'],
    },
    corrected: {
      action: 'mark_read',
      mails: [
        ['Northbank Insights <insights@northbank.com>', 'Your portfolio and interest rates', 'Markets update: interest rates, your savings account and portfolio performance.'],
        ['Fidelia Investor <news@fidelia.com>', 'Interest rates and your savings', 'Investor letter: savings rates, portfolio allocation and the markets this quarter.'],
        ['Vanguardia Funds <letters@vanguardia.fund>', 'Quarterly portfolio letter', 'Your portfolio, fund performance and interest rates this quarter.'],
        ['Moneyline <weekly@moneyline.io>', 'Markets weekly: rates and savings', 'Interest rates, markets and portfolio ideas for savers.'],
      ],
      heldApart: ['Capital Weekly <hi@capitalweekly.com>', 'Interest rates and your portfolio', 'Markets this week: interest rates, savings and portfolio performance.'],
    },
  },
  {
    name: 'receipts',
    description: 'shop receipts labelled, ride receipts archived',
    make: receipt,
    confirmed: {
      action: 'label',
      params: { label: 'Receipts' },
      mails: [
        ['Amazon <auto-confirm@amazon.com>', 'Your order receipt #114-2231', 'Thank you for your order. Order total: $34.99. Items will ship to your address. View your order.'],
        ['IKEA <orders@ikea.com>', 'Order receipt 88213', 'Thank you for shopping with us. Order total: $129.00. Your items ship in 3 days. View your order.'],
        ['Zalando <service@zalando.com>', 'Receipt for your order 10-553', 'Thanks for your order. Total paid: $79.90. Your items ship soon. View your order.'],
        ['Decathlon <noreply@decathlon.com>', 'Your order receipt', 'Thank you for your order. Order total: $45.00. Items ship to your address.'],
        ['Bookshop <orders@bookshop.org>', 'Order receipt: 2 books', 'Thank you for your order. Order total: $27.50. Your books ship in 2 days. View your order.'],
      ],
      heldApart: ['Etsy <transaction@etsy.com>', 'Receipt for your order', 'Thank you for your order. Order total: $18.00. The seller ships your items soon. View your order.'],
    },
    corrected: {
      action: 'archive',
      mails: [
        ['Uber Receipts <noreply@uber.com>', 'Your Tuesday trip receipt', 'Thanks for riding. Total paid: $14.20. Trip from Main St to the airport, driver rating and fare.'],
        ['Bolt <receipts@bolt.eu>', 'Receipt for your ride', 'Thanks for riding with Bolt. Total paid: $9.80. Ride fare, trip distance and driver.'],
        ['Lyft <no-reply@lyftmail.com>', 'Your ride receipt', 'Thanks for riding. Total paid: $12.40. Trip fare, ride distance and your driver.'],
        ['FreeNow <receipts@free-now.com>', 'Receipt for your taxi ride', 'Thanks for riding. Total paid: $21.00. Taxi trip fare and driver details.'],
      ],
      heldApart: ['Cabify <receipts@cabify.com>', 'Your trip receipt', 'Thanks for riding. Total paid: $11.30. Ride from the station, trip fare and driver.'],
    },
  },
  {
    name: 'notifications',
    description: 'build notifications marked read, parcel notifications archived',
    make: notice,
    confirmed: {
      action: 'mark_read',
      mails: [
        ['GitHub <notifications@github.com>', '[skytwin] CI build passed on main', 'The build workflow passed on main. Pipeline checks and deployment succeeded. View the build log.'],
        ['GitLab <gitlab@gitlab.com>', 'Pipeline #4512 passed', 'Your pipeline passed on branch main. Build, checks and deployment jobs succeeded. View the build log.'],
        ['CircleCI <builds@circleci.com>', 'Build succeeded: web #877', 'Your build succeeded. Pipeline checks passed and the deployment finished. View the build log.'],
        ['Vercel <notifications@vercel.com>', 'Deployment ready: web', 'Your deployment is ready. Build and checks passed. View the build log.'],
        ['Buildkite <notifications@buildkite.com>', 'Build passed: api #301', 'Build passed on main. Pipeline checks and deployment succeeded. View the build log.'],
      ],
      heldApart: ['Netlify <notifications@netlify.com>', 'Deploy succeeded: docs', 'The build passed and your deployment is live. Pipeline checks succeeded. View the build log.'],
    },
    corrected: {
      action: 'archive',
      mails: [
        ['DHL <noreply@dhl.com>', 'Your parcel is on its way', 'Your parcel has been dispatched. Track your delivery: parcel tracking number and expected delivery date.'],
        ['UPS <mcinfo@ups.com>', 'Your parcel delivery is scheduled', 'Your parcel is scheduled for delivery tomorrow. Track your delivery with the tracking number.'],
        ['FedEx <trackingupdates@fedex.com>', 'Parcel shipment update', 'Your parcel is in transit. Track your delivery: tracking number and delivery date.'],
        ['DPD <notifications@dpd.com>', 'Your parcel arrives today', 'Your parcel will be delivered today. Track your delivery with the tracking number.'],
      ],
      heldApart: ['GLS <noreply@gls-group.com>', 'Your parcel is out for delivery', 'Your parcel is out for delivery. Track your delivery: tracking number and delivery window.'],
    },
  },
  {
    name: 'promotions',
    description: 'fashion promotions archived, airline offers labelled',
    make: promo,
    confirmed: {
      action: 'archive',
      mails: [
        ['Nike <nike@email.nike.com>', '30% off sneakers this weekend', 'Sale on sneakers and running shoes: 30% off this weekend only. Shop the sale now.'],
        ['Zara <news@zara.com>', 'New season sale: up to 40% off', 'Fashion sale: dresses, jackets and shoes up to 40% off. Shop the sale now.'],
        ['H&M <hm@email.hm.com>', 'Sale: jackets and shoes', 'Fashion sale on jackets, jeans and shoes. Shop the sale now, while stocks last.'],
        ['Uniqlo <info@uniqlo.com>', 'Weekend sale on knitwear', 'Sale on knitwear, jackets and shoes this weekend. Shop the sale now.'],
        ['ASOS <hello@asos.com>', 'Extra 20% off fashion', 'Fashion sale: shoes, dresses and jackets with an extra 20% off. Shop the sale now.'],
      ],
      heldApart: ['Mango <newsletter@mango.com>', 'Sale: dresses and shoes', 'Fashion sale on dresses, jackets and shoes. Shop the sale now, up to 30% off.'],
    },
    corrected: {
      action: 'label',
      params: { label: 'Promotions' },
      mails: [
        ['Lufthansa <offers@lufthansa.com>', 'Fly to Lisbon from $99', 'Flight offers: fares to Lisbon, Rome and Madrid. Book your flight and collect miles.'],
        ['KLM <klm@info.klm.com>', 'Flight deals to New York', 'Book flights to New York with fares from $399. Collect miles on every flight.'],
        ['Ryanair <offers@ryanair.com>', 'Flights from $19 this week', 'Flight sale: fares from $19 to 200 destinations. Book your flight now.'],
        ['easyJet <offers@easyjet.com>', 'Winter flight fares', 'Flight offers for winter: fares to the sun. Book your flight today.'],
      ],
      heldApart: ['Air France <offers@airfrance.com>', 'Flights to Paris from $89', 'Flight offers: fares to Paris and Nice. Book your flight and collect miles.'],
    },
  },
];

/** Nine answered mails, the groups interleaved, the last an hour before the scenario. */
function priors(family: Family): PriorStep[] {
  const steps: { mail: Mail; answer: PriorStep['answer'] }[] = [];
  const { confirmed, corrected } = family;
  for (let i = 0; i < confirmed.mails.length; i++) {
    const c = confirmed.mails[i];
    if (c) steps.push({ mail: c, answer: { correct: confirmed.action } });
    const k = corrected.mails[i];
    if (k) steps.push({ mail: k, answer: { correct: corrected.action } });
  }
  return steps.map((s, i) => ({ signal: family.make(s.mail), at: hoursBefore(NOW, steps.length - i + 1), answer: s.answer }));
}

export const generalisationScenarios: Scenario[] = FAMILIES.flatMap((family): Scenario[] =>
  (['confirmed', 'corrected'] as const).map((side) => {
    const group = family[side];
    return {
      id: `gen-${family.name}-${side}`,
      description: `${family.description}: a new sender like the ${side} ones`,
      generalisation: true,
      now: NOW,
      prior: priors(family),
      signal: family.make(group.heldApart),
      expect: { outcome: 'shadow', action: group.action, ...(group.params ? { params: group.params } : {}) },
    };
  }),
);
