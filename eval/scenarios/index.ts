// The scenario catalogue: email, people, finance, calendar, policy vetoes and messy input.
// Each scenario states its setup and what a careful human expects SkyTwin to decide.
export { SCENARIOS } from './catalogue.js';
export { mails, NOW, renewalMail, renewals } from './mail.js';
