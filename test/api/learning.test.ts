import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { newsletter } from '../support/signals.js';
import { addUser, decision, ingest } from '../support/users.js';

const SENDER = 'The Weekly <weekly@letters.example>';
const MAX_SIGNALS = 40;

describe('learning: a user who always archives one newsletter', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('reaches automatic archiving within a bounded number of signals, and one undo brings back the question', async () => {
    const user = await addUser(t);
    const outcomes: string[] = [];
    let automatic: string | null = null;
    for (let i = 0; i < MAX_SIGNALS && automatic === null; i++) {
      t.clock.advance(3_600_000);
      const result = await ingest(t, newsletter(user.id, SENDER));
      const view = await decision(t, result.decisionId);
      outcomes.push(view.outcome);
      // The simulated user wants every one of these archived, and says so however SkyTwin asks.
      if (view.outcome === 'shadow') {
        expect(view.selectedAction.action).toBe('archive');
        const response = await t.call({ method: 'POST', url: `/api/decisions/${view.id}/feedback`, payload: { kind: 'confirm' } });
        expect(response.status).toBe(200);
      } else if (view.outcome === 'needs_approval') {
        expect(view.approval.action.type).toBe('archive');
        const response = await t.call({ method: 'POST', url: `/api/approvals/${view.approval.id}/approve` });
        expect(response.status).toBe(200);
        await t.runner.drain();
      } else if (view.outcome === 'auto_execute') {
        expect(view.selectedAction.action).toBe('archive');
        automatic = view.id;
      } else {
        throw new Error(`unexpected outcome ${view.outcome} after ${outcomes.join(', ')}`);
      }
    }
    expect(automatic, `outcomes: ${outcomes.join(', ')}`).not.toBeNull();
    console.log(`automatic archiving reached after ${outcomes.length} signals: ${outcomes.join(' → ')}`);
    const settings = (await t.call({ method: 'GET', url: `/api/users/${user.id}/settings` })).body;
    expect(['low', 'moderate', 'high']).toContain(settings.trustTiers.email);

    await t.runner.drain();
    const executed = await decision(t, automatic ?? '');
    expect(executed.execution).toMatchObject({ state: 'succeeded', authorizedBy: 'policy' });
    const undo = await t.call({ method: 'POST', url: `/api/decisions/${automatic}/undo` });
    expect(undo.status).toBe(202);
    await t.runner.drain();

    t.clock.advance(3_600_000);
    const next = await ingest(t, newsletter(user.id, SENDER));
    const asked = await decision(t, next.decisionId);
    expect(asked.outcome).toBe('needs_approval');
    expect(asked.selectedAction).not.toBeNull();
  });
});
