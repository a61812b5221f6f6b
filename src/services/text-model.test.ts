import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { backends } from '../../test/support/database.js';
import { emailSignal, newsletter } from '../../test/support/signals.js';
import { addUser, decision, ingest, setSettings } from '../../test/support/users.js';
import { loadTextModel } from '../store/index.js';

// Tech newsletters the user archives; bank newsletters the user keeps (rejects archiving).
const TECH = [
  ['Hacker Digest <digest@hackerdigest.io>', 'Compilers roundup', 'This week in programming: compilers, Rust releases and TypeScript tooling.'],
  ['TypeScript Weekly <editor@tsweekly.dev>', 'TypeScript Weekly: compiler news', 'Programming news: the TypeScript compiler, releases and tooling.'],
  ['Rust Digest <news@rustdigest.org>', 'Rust releases and tooling', 'Programming roundup: Rust compiler releases, crates and tooling.'],
  ['Frontend Focus <hello@frontendfoc.us>', 'Browser releases', 'Programming for the web: browser releases, compilers and tooling.'],
  ['Golang Weekly <peter@golangweekly.com>', 'Go compiler released', 'Programming news for Go: compiler releases and tooling.'],
];
const BANKS = [
  ['Northbank Insights <insights@northbank.com>', 'Your portfolio and interest rates', 'Interest rates, your savings account and portfolio performance.'],
  ['Fidelia Investor <news@fidelia.com>', 'Interest rates and your savings', 'Savings rates, portfolio allocation and interest this quarter.'],
  ['Vanguardia <letters@vanguardia.fund>', 'Quarterly portfolio letter', 'Your portfolio, savings and interest rates this quarter.'],
  ['Sparkasse Plus <info@sparkasse-plus.de>', 'Savings and interest update', 'Savings account interest rates rise; your portfolio.'],
];

function mail(userId: string, [from, subject, bodyText]: string[]) {
  return newsletter(userId, from, { subject, bodyText: `${bodyText ?? ''} Unsubscribe at any time.` });
}

describe.each(backends())('the text model learns from answers and advises on new senders (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  /** Approves or rejects the approval request; a decision that asked nothing (left alone) is confirmed instead. */
  async function answer(userId: string, decisionId: string, verb: 'approve' | 'reject') {
    const view = await decision(t, decisionId);
    const response =
      view.outcome === 'needs_approval'
        ? await t.call({ method: 'POST', url: `/api/approvals/${view.approval.id}/${verb}`, payload: verb === 'reject' ? {} : undefined })
        : await t.call({ method: 'POST', url: `/api/decisions/${decisionId}/feedback`, payload: { kind: 'confirm' } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return view;
  }

  it('trains in the answer transaction, and a new sender like the kept ones is left alone, with the reason in words', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    for (const m of TECH) await answer(user.id, (await ingest(t, mail(user.id, m))).decisionId, 'approve');
    const outcomes: string[] = [];
    for (const m of BANKS) outcomes.push((await answer(user.id, (await ingest(t, mail(user.id, m))).decisionId, 'reject')).outcome);
    await t.runner.drain();
    // Three kept bank newsletters are enough: the fourth, from a new sender, is already left alone.
    expect(outcomes).toEqual(['needs_approval', 'needs_approval', 'needs_approval', 'no_action']);

    const model = await loadTextModel(t.database.db, user.id);
    expect(Object.fromEntries(model.classes)).toEqual({ archive: 5, do_nothing: 4 });
    const row = await t.database.db.selectFrom('text_models').select('examples').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.examples).toBe(9);

    const bank = await decision(t, (await ingest(t, mail(user.id, ['Capital Weekly <hi@capitalweekly.com>', 'Interest rates this week', 'Savings, portfolio and interest rates.']))).decisionId);
    expect(bank.selectedAction?.action ?? bank.selectedAction?.type).toBe('do_nothing');
    expect(bank.outcome).toBe('no_action');
    expect(JSON.stringify(bank.explanation)).toContain('similar to 4 newsletters you left alone');

    // A new tech sender: the text model agrees with the twin's habit and says so; suggest still asks.
    const tech = await decision(t, (await ingest(t, mail(user.id, ['Zig News <news@zignews.dev>', 'Zig compiler releases', 'Programming: compiler releases and tooling.']))).decisionId);
    expect(tech.outcome).toBe('needs_approval');
    expect(JSON.stringify(tech.explanation)).toContain('similar to 5 newsletters you archived');
  });

  it('learns nothing from a rejected reply draft on a work request, only from bulk mail', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const request = emailSignal(user.id, { from: 'Bob Stone <bob@example.com>', subject: 'Q3 numbers', snippet: '', bodyText: 'Hi Ann, could you send me the Q3 numbers by Friday?' });
    const asked = await decision(t, (await ingest(t, request)).decisionId);
    expect(asked.situation.kind).toBe('work_request');
    expect(asked.outcome).toBe('needs_approval');
    expect(asked.approval.action.type).toBe('draft_reply');
    const rejected = await t.call({ method: 'POST', url: `/api/approvals/${asked.approval.id}/reject`, payload: {} });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect((await loadTextModel(t.database.db, user.id)).classes.size).toBe(0);

    // The same answer on a newsletter teaches "leave it alone".
    await answer(user.id, (await ingest(t, mail(user.id, BANKS[0] ?? []))).decisionId, 'reject');
    expect(Object.fromEntries((await loadTextModel(t.database.db, user.id)).classes)).toEqual({ do_nothing: 1 });
  });

  it('is forgotten on request, and a user with no model decides as before', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    for (const m of BANKS.slice(0, 3)) await answer(user.id, (await ingest(t, mail(user.id, m))).decisionId, 'reject');
    const forgotten = await t.call({ method: 'DELETE', url: `/api/users/${user.id}/twin/text-model` });
    expect(forgotten.status, JSON.stringify(forgotten.body)).toBe(200);
    expect(forgotten.body).toEqual({ forgotten: true });
    expect((await loadTextModel(t.database.db, user.id)).classes.size).toBe(0);
    const bank = await decision(t, (await ingest(t, mail(user.id, ['Capital Weekly <hi@capitalweekly.com>', 'Interest rates this week', 'Savings, portfolio and interest rates.']))).decisionId);
    expect(JSON.stringify(bank.explanation)).not.toContain('similar to');
  });
});
