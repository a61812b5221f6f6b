import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, freePort, LiveProcess, poll, tempDataDir } from './support/processes.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const DEMO = 'demo@skytwin.example';

interface DecisionItem {
  id: string;
  outcome: string;
  source: string;
  externalId: string;
}

interface Action {
  type: string;
  parameters: Record<string, unknown>;
}

interface SyncView {
  sources: { source: string; lastSuccessAt: string | null }[];
}

/** `npm start` in demo mode on one data directory and fixed ports, so a second start finds the first's state. */
function demoRun(dataDir: string, apiPort: number, emulatorPort: number) {
  const env = childEnv({ SKYTWIN_DATA_DIR: dataDir, SKYTWIN_API_PORT: String(apiPort), SKYTWIN_EMULATOR_PORT: String(emulatorPort), SKYTWIN_POLL_INTERVAL_MS: '1000' });
  const supervisor = new LiveProcess([join(process.cwd(), 'bin', 'skytwin-dev')], env);
  cleanups.push(async () => void (await supervisor.stop('SIGKILL')));
  return supervisor;
}

describe('demo mode across restarts', () => {
  it('keeps the mailbox, the decisions and what was done when the emulator is killed and when everything restarts', async () => {
    const temp = tempDataDir();
    cleanups.push(temp.remove);
    const apiPort = await freePort();
    const emulatorPort = await freePort();
    const api = `http://127.0.0.1:${apiPort}`;
    const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
    const stateFile = join(temp.dir, 'emulator', 'state.json');

    const first = demoRun(temp.dir, apiPort, emulatorPort);
    const userId = (await first.waitFor(/demo mode: user demo@skytwin\.example \(([0-9a-f-]{36})\) is connected/, 120_000))[1] ?? '';
    expect(first.output).toMatch(/emulator: no saved state in .*state\.json; starting fresh/);
    const token = readFileSync(join(temp.dir, 'api-token'), 'utf8').trim();
    const call = async <T,>(path: string, method = 'GET'): Promise<T> => {
      const response = await fetch(`${api}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) }, ...(method === 'POST' ? { body: '{}' } : {}) });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const decisionsOf = async (user: string) => (await call<{ decisions: DecisionItem[] }>(`/api/users/${user}/decisions?limit=200`)).decisions;
    const lastSync = async (user: string): Promise<string | null> => {
      const view = await call<SyncView>(`/api/users/${user}/sync`);
      const times = view.sources.map((s) => s.lastSuccessAt);
      return times.length >= 2 && times.every((t) => t !== null) ? (times as string[]).sort()[0] ?? null : null;
    };
    /** Resolves once every source has synced after `since`: one whole poll cycle of the worker. */
    const nextCycle = (user: string, since: string) => poll(async () => ((await lastSync(user)) ?? '') > since ? true : null, 60_000);
    const gmail = async <T,>(path: string): Promise<T> => {
      const { accessToken } = (await (await fetch(`${emulatorUrl}/_emulator/accounts/${DEMO}/access-tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { accessToken: string };
      return (await (await fetch(`${emulatorUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as T;
    };

    // The inbox is in once the count holds still over two whole poll cycles.
    let before = await poll(async () => {
      const synced = await lastSync(userId);
      if (synced === null) return null;
      const count = (await decisionsOf(userId)).length;
      await nextCycle(userId, synced);
      const again = await lastSync(userId);
      await nextCycle(userId, again ?? synced);
      const decisions = await decisionsOf(userId);
      return count >= 40 && decisions.length === count ? decisions : null;
    }, 120_000);

    // Approve something SkyTwin does on Gmail or Calendar and wait until it is done there.
    const { approvals } = await call<{ approvals: { id: string; decisionId: string; action: Action }[] }>(`/api/users/${userId}/approvals?status=pending`);
    const approval = approvals.find((a) => ['archive', 'mark_read', 'label', 'draft_reply', 'rsvp'].includes(a.action.type));
    expect(approval, JSON.stringify(approvals.map((a) => a.action.type))).toBeDefined();
    if (!approval) return;
    await call(`/api/approvals/${approval.id}/approve`, 'POST');
    await poll(async () => ((await call<{ execution: { state: string } | null }>(`/api/decisions/${approval.decisionId}`)).execution?.state === 'succeeded' ? true : null), 60_000);
    const effectDone = async (): Promise<boolean> => {
      const p = approval.action.parameters;
      switch (approval.action.type) {
        case 'archive':
        case 'mark_read': {
          const message = await gmail<{ labelIds: string[] }>(`/gmail/v1/users/me/messages/${String(p.messageId)}?format=minimal`);
          return !message.labelIds.includes(approval.action.type === 'archive' ? 'INBOX' : 'UNREAD');
        }
        case 'label': {
          const { labels } = await gmail<{ labels: { id: string; name: string }[] }>('/gmail/v1/users/me/labels');
          const id = labels.find((l) => l.name === p.label)?.id;
          const message = await gmail<{ labelIds: string[] }>(`/gmail/v1/users/me/messages/${String(p.messageId)}?format=minimal`);
          return id !== undefined && message.labelIds.includes(id);
        }
        case 'draft_reply': {
          const { drafts } = await gmail<{ drafts?: { message: { threadId: string } }[] }>('/gmail/v1/users/me/drafts');
          return (drafts ?? []).some((d) => d.message.threadId === p.threadId);
        }
        default: {
          const event = await gmail<{ attendees?: { self?: boolean; responseStatus: string }[] }>(`/calendar/v3/calendars/${encodeURIComponent(String(p.calendarId ?? 'primary'))}/events/${String(p.eventId)}`);
          return event.attendees?.find((a) => a.self)?.responseStatus === p.response;
        }
      }
    };
    expect(await effectDone()).toBe(true);
    // Saved within the emulator's save delay: wait until the file has moved on from its last save.
    const savedAt = () => (JSON.parse(readFileSync(stateFile, 'utf8')) as { savedAt: string }).savedAt;
    const executedAt = new Date().toISOString();
    await poll(async () => (savedAt() > executedAt ? true : null), 30_000);
    // What the worker makes of the change itself (an answered invitation is a new event version).
    await nextCycle(userId, executedAt);
    before = await decisionsOf(userId);

    /**
     * After a restart: the first whole poll cycle changes nothing that was there. New decisions
     * can only come from mail that arrived since (one a minute), never from mail seen before.
     */
    const assertUnchanged = async (previous: DecisionItem[], since: string) => {
      await nextCycle(userId, since);
      const after = await decisionsOf(userId);
      const known = new Set(previous.map((d) => `${d.source}/${d.externalId}`));
      const added = after.filter((d) => !known.has(`${d.source}/${d.externalId}`));
      expect(after.length).toBe(previous.length + added.length);
      expect(after.filter((d) => known.has(`${d.source}/${d.externalId}`)).map((d) => d.id).sort()).toEqual(previous.map((d) => d.id).sort());
      for (const decision of added) {
        expect(decision.source).toBe('gmail');
        const message = await gmail<{ internalDate: string }>(`/gmail/v1/users/me/messages/${decision.externalId}?format=minimal`);
        expect(Number(message.internalDate)).toBeGreaterThan(Date.parse(since) - 60_000);
      }
      expect(await effectDone()).toBe(true);
      expect((await call<{ execution: { state: string } | null }>(`/api/decisions/${approval.decisionId}`)).execution?.state).toBe('succeeded');
      return after;
    };

    // kill -9 of the emulator: the supervisor restarts it from the saved state.
    const emulatorPid = Number(readFileSync(join(temp.dir, 'run', 'emulator.pid'), 'utf8').trim());
    const killedAt = (await lastSync(userId)) ?? '';
    process.kill(emulatorPid, 'SIGKILL');
    await first.waitFor(/restarting emulator/, 30_000);
    await first.waitFor(/emulator: restored the state from .*state\.json/, 60_000);
    before = await assertUnchanged(before, killedAt);

    // SIGTERM everything, then npm start again on the same data directory.
    expect(await first.stop('SIGTERM'), first.output).toBe(0);
    const stoppedAt = new Date().toISOString();
    const second = demoRun(temp.dir, apiPort, emulatorPort);
    await second.waitFor(/emulator: kept the demo account demo@skytwin\.example from the saved state/, 60_000);
    await second.waitFor(/demo mode: user demo@skytwin\.example \([0-9a-f-]{36}\) is connected/, 60_000);
    before = await assertUnchanged(before, stoppedAt);

    // A second user connected in demo mode gets a mailbox of their own.
    const bob = await (await fetch(`${api}/api/users`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bob@example.com', name: 'Bob' }) })).json() as { id: string };
    const { consentUrl } = await call<{ consentUrl: string }>(`/api/users/${bob.id}/connections/google/consent`, 'POST');
    const consent = await fetch(consentUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callback = await fetch(consent.headers.get('location') ?? '');
    expect(await callback.text()).toMatch(/Google account connected/);
    const bobs = await poll(async () => {
      const decisions = await decisionsOf(bob.id);
      return decisions.filter((d) => d.source === 'gmail').length >= 40 ? decisions : null;
    }, 120_000);
    const demoMessages = new Set(before.filter((d) => d.source === 'gmail').map((d) => d.externalId));
    expect(bobs.filter((d) => d.source === 'gmail' && demoMessages.has(d.externalId))).toEqual([]);
    const accounts = (await (await fetch(`${emulatorUrl}/_emulator/accounts`)).json()) as { accounts: { email: string }[] };
    expect(accounts.accounts.map((a) => a.email).sort()).toEqual(['bob@example.com', DEMO]);

    expect(await second.stop('SIGTERM'), second.output).toBe(0);
  }, 600_000);
});
