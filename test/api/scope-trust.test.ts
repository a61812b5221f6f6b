import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { emailSignal, newsletter } from '../support/signals.js';
import { addUser, decision, ingest, setSettings } from '../support/users.js';

// The complaint this locks: one undo of one newsletter archive (even cancelling one that never
// ran) demoted all of email, after which notifications the user had explicitly asked to mark read
// needed approval again. Trust is now lost in the scope it concerns only.

const DIGEST = 'Compiler Weekly <digest@compilerweekly.example>';
const OTHERS = ['Acme News <news@acme-news.com>', 'Letters <letters@paper-letters.example>', 'The Weekly <weekly@weekly-bits.example>'];
const SLACK = 'Slack <no-reply@slack.com>';

function notification(userId: string) {
  return emailSignal(userId, {
    from: SLACK,
    subject: 'New message from Dana Kim in #launch',
    snippet: 'Dana Kim sent you a message',
    labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'],
    bodyText: 'Dana Kim sent you a message: "launch notes are in the doc". Open Slack to reply.',
  });
}

describe('scope trust through the live pipeline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  async function next(signal: object) {
    t.clock.advance(3_600_000);
    return decision(t, (await ingest(t, signal)).decisionId);
  }

  async function approve(view: { approval: { id: string } }, drain = true) {
    const response = await t.call({ method: 'POST', url: `/api/approvals/${view.approval.id}/approve` });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    if (drain) await t.runner.drain();
  }

  async function undo(id: string) {
    const response = await t.call({ method: 'POST', url: `/api/decisions/${id}/undo` });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    return response.body as { undo: 'cancelled' | 'queued' };
  }

  async function emailTier(userId: string): Promise<string> {
    return (await t.call({ method: 'GET', url: `/api/users/${userId}/settings` })).body.trustTiers.email;
  }

  it('one undo of one newsletter archive makes that sender ask; newsletters, the email tier and a stated rule are untouched; cancelling is not a failure', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' }, trustProgression: { enabled: false } });
    const put = await t.call({ method: 'PUT', url: `/api/users/${user.id}/twin/preferences/email.sender:no-reply@slack.com`, payload: { value: 'mark_read' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    // Newsletters earn trust the honest way: asked, approved, executed (which also completes the new-domain ramp).
    const senders = [DIGEST, ...OTHERS];
    for (let i = 0; i < 24; i++) {
      const view = await next(newsletter(user.id, senders[i % senders.length]));
      expect(view.outcome).toBe('needs_approval');
      await approve(view);
    }
    await setSettings(t, user.id, { trustTiers: { email: 'low' } });

    const first = await next(newsletter(user.id, DIGEST));
    expect(first.outcome, JSON.stringify(first.reasons)).toBe('auto_execute');
    const marked = await next(notification(user.id));
    expect(marked.situation?.kind ?? marked.situationKind ?? 'notification').toBe('notification');
    expect(marked.outcome).toBe('auto_execute');
    expect(marked.selectedAction.action).toBe('mark_read');
    await t.runner.drain();

    // One undo of what ran alone.
    expect((await undo(first.id)).undo).toBe('queued');
    await t.runner.drain();
    expect(await emailTier(user.id)).toBe('low');
    const versions = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin/versions?limit=1` })).body.versions;
    expect(versions[0].notes).toContainEqual(
      expect.stringMatching(/^archiving newsletters from digest@compilerweekly\.example now asks first: you undid it on \d{1,2} [A-Z][a-z]{2}$/),
    );

    const again = await next(newsletter(user.id, DIGEST));
    expect(again.outcome).toBe('needs_approval');
    expect(JSON.stringify(again.selectedAction.reasons)).toContain('scope_missed');
    expect(again.explanation.whatWouldChange.join('\n')).toMatch(/would run alone once SkyTwin has earned it here: .*newsletters from digest@compilerweekly\.example ask first: you undid it on/);
    expect((await next(newsletter(user.id, OTHERS[0]))).outcome).toBe('auto_execute');
    const stillMarked = await next(notification(user.id));
    expect(stillMarked.outcome).toBe('auto_execute');
    expect(stillMarked.selectedAction.action).toBe('mark_read');
    await t.runner.drain();

    // Cancelling queued actions before they ran, twice in each of three scopes: corrections, not failures.
    for (const sender of OTHERS.slice(1).concat(OTHERS[0] ?? '')) {
      for (let k = 0; k < 2; k++) {
        const view = await next(newsletter(user.id, sender));
        if (view.outcome === 'needs_approval') await approve(view, false);
        else expect(view.outcome).toBe('auto_execute');
        expect((await undo(view.id)).undo).toBe('cancelled');
      }
    }
    expect(await emailTier(user.id)).toBe('low');
    const cancelled = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin/versions?limit=20` })).body.versions;
    expect(cancelled.flatMap((v: { notes: string[] }) => v.notes).join('\n')).toMatch(/now asks first: you cancelled it before it ran on/);
    expect(cancelled.flatMap((v: { notes: string[] }) => v.notes).join('\n')).not.toMatch(/demoted email/);
    expect((await next(notification(user.id))).outcome).toBe('auto_execute');
  });

  it('several scopes going wrong do demote the domain, with the scopes named; rejections while asking do not', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'low' }, trustProgression: { newDomainApprovals: 0, demoteAfterRejections: 1 } });
    // Rejecting what SkyTwin asked about teaches it; it is no failure of autonomy.
    for (const sender of OTHERS) {
      const view = await next(newsletter(user.id, sender));
      expect(view.outcome).toBe('needs_approval');
      const response = await t.call({ method: 'POST', url: `/api/approvals/${view.approval.id}/reject` });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    }
    expect(await emailTier(user.id)).toBe('low');

    // Undoing what ran alone is: one such undo makes a scope count as gone wrong here (demoteAfterRejections 1).
    const tiers: string[] = [];
    for (const sender of ['One <one@first-letters.example>', 'Two <two@second-letters.example>', 'Three <three@third-letters.example>']) {
      const address = /<(.+)>/.exec(sender)?.[1] ?? '';
      const put = await t.call({ method: 'PUT', url: `/api/users/${user.id}/twin/preferences/email.sender:${address}`, payload: { value: 'archive' } });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const view = await next(newsletter(user.id, sender));
      expect(view.outcome, JSON.stringify([view.reasons, view.selectedAction?.reasons])).toBe('auto_execute');
      await t.runner.drain();
      expect((await undo(view.id)).undo).toBe('queued');
      await t.runner.drain();
      tiers.push(await emailTier(user.id));
    }
    expect(tiers).toEqual(['low', 'low', 'suggest']);
    const versions = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin/versions?limit=20` })).body.versions;
    const notes = versions.flatMap((v: { notes: string[] }) => v.notes).join('\n');
    expect(notes).toMatch(/demoted email to suggest: 3 scopes went wrong since \d{1,2} [A-Z][a-z]{2} \(newsletters from one@first-letters\.example; newsletters from two@second-letters\.example; newsletters from three@third-letters\.example\)/);
  });
});
