import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type EmulatorHarness } from './emulator.testkit.js';
import { USER_ID, expectValid } from './fixtures.testkit.js';
import { syncGmail, type GmailSyncOptions } from './gmail-sync.js';

const NOW = '2026-11-24T12:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();

let h: EmulatorHarness;
beforeAll(async () => {
  h = await startHarness('ann@example.com', NOW);
});
afterAll(async () => {
  await h?.close();
});

const options = (cursor: string | null, extra: Partial<GmailSyncOptions> = {}): GmailSyncOptions => ({ userId: USER_ID, cursor, now: h.clock.now(), ...extra });
const subjects = (signals: { data: { subject: string } }[]) => signals.map((signal) => signal.data.subject);

describe('syncGmail against the emulator', () => {
  it('reads the inbox and the sent mail of the window in full, oldest first, and caps the count', async () => {
    await h.control.addMessages(h.email, [
      { from: 'Old News <news@example.com>', subject: 'ten days old', text: 'x', date: ago(10 * DAY) },
      { from: 'Bob <bob@example.com>', subject: 'six days old', text: 'x', date: ago(6 * DAY) },
      { from: 'Bob <bob@example.com>', subject: 'archived', text: 'x', date: ago(3 * DAY), labels: ['CATEGORY_UPDATES'] },
      { from: 'Ann <ann@example.com>', to: 'bob@example.com', subject: 'sent by me', text: 'x', date: ago(2 * DAY), labels: ['SENT'] },
      { from: 'Carol <carol@example.com>', subject: 'two hours old', text: 'x', date: ago(2 * HOUR) },
      { from: 'Dan <dan@example.com>', subject: 'one day old', text: 'x', date: ago(DAY) },
    ]);
    const full = await syncGmail(h.gmail, options(null, { windowDays: 7, pageSize: 2 }));
    expect(full.mode).toBe('full');
    expect(full.truncated).toBe(false);
    expect(subjects(full.signals)).toEqual(['six days old', 'sent by me', 'one day old', 'two hours old']);
    expect(full.signals.find((signal) => signal.data.subject === 'sent by me')?.data.labels).toContain('SENT');
    expect(full.cursor).toMatch(/^\d+$/);
    expectValid(...full.signals);

    const capped = await syncGmail(h.gmail, options(null, { windowDays: 7, maxMessages: 2 }));
    expect(capped.truncated).toBe(true);
    expect(subjects(capped.signals)).toEqual(['one day old', 'two hours old']);
  });

  it("converts the emulator's MIME faithfully: encoded headers, latin-1, attachments, html only", async () => {
    await h.control.addMessages(h.email, [
      {
        from: '"Müller, André" <andre@example.de>',
        to: ['"Doe, Jane" <jane@example.com>', 'ann@example.com'],
        subject: 'Grüße zum Café ☕',
        text: 'Crème brûlée à 5 francs? Ça va.',
        charset: 'ISO-8859-1',
        multipart: 'mixed',
        attachments: [{ filename: 'menu.txt', mimeType: 'text/plain', text: 'not the body' }],
        headers: { 'List-Unsubscribe': '<mailto:leave@example.de>' },
        date: ago(HOUR),
      },
      { from: 'shop@example.com', subject: 'html only', html: '<p>Hello&nbsp;<b>there</b></p><script>x()</script>', multipart: false, date: ago(HOUR / 2) },
    ]);
    const { signals } = await syncGmail(h.gmail, options(null, { windowDays: 1 }));
    const latin = signals.find((signal) => signal.data.subject.startsWith('Grüße'));
    expect(latin?.data).toMatchObject({
      from: '"Müller, André" <andre@example.de>',
      to: ['"Doe, Jane" <jane@example.com>', 'ann@example.com'],
      subject: 'Grüße zum Café ☕',
      listUnsubscribe: '<mailto:leave@example.de>',
    });
    expect(latin?.data.bodyText).toContain('Crème brûlée à 5 francs? Ça va.');
    expect(latin?.data.bodyText).not.toContain('not the body');
    expect(signals.find((signal) => signal.data.subject === 'html only')?.data.bodyText).toBe('Hello there');
    expectValid(...signals);
  });

  it('continues from the cursor with new inbox and sent mail (a sent draft included), and skips mail deleted meanwhile', async () => {
    const full = await syncGmail(h.gmail, options(null));
    await h.control.addMessage(h.email, { from: 'eve@example.com', subject: 'new in inbox', text: 'hello', date: NOW });
    await h.control.addMessage(h.email, { from: 'ann@example.com', to: 'x@example.com', subject: 'sent meanwhile', text: 'x', labels: ['SENT'], date: NOW });
    await h.control.addMessage(h.email, { from: 'news@example.com', subject: 'filed elsewhere', text: 'x', labels: ['CATEGORY_UPDATES'], date: NOW });
    const gone = await h.control.addMessage(h.email, { from: 'spam@example.com', subject: 'deleted meanwhile', text: 'x', date: NOW });
    await h.control.deleteMessage(h.email, gone.id);

    const next = await syncGmail(h.gmail, options(full.cursor, { pageSize: 1 }));
    expect(next.mode).toBe('incremental');
    expect(subjects(next.signals).sort()).toEqual(['new in inbox', 'sent meanwhile']);
    expect(next.skipped).toEqual([{ id: gone.id, reason: 'deleted before it could be read' }]);
    expect(Number(next.cursor)).toBeGreaterThan(Number(full.cursor));
    expectValid(...next.signals);

    const quiet = await syncGmail(h.gmail, options(next.cursor));
    expect(quiet.signals).toEqual([]);
    expect(quiet.cursor).toBe(next.cursor);
  });

  it('reads a draft the user sent (SENT added to the draft) as sent mail', async () => {
    const start = await syncGmail(h.gmail, options(null));
    const { accessToken } = await h.control.issueAccessToken(h.email);
    const gmailApi = async (path: string, body: unknown) => {
      const response = await fetch(`${h.emulator.url}/gmail/v1/users/me/${path}`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(200);
      return (await response.json()) as { id: string; message: { id: string } };
    };
    const raw = Buffer.from('From: ann@example.com\r\nTo: bob@example.com\r\nSubject: Slides\r\n\r\nCould you send the slides?\r\n').toString('base64url');
    const draft = await gmailApi('drafts', { message: { raw } });
    await gmailApi('drafts/send', { id: draft.id });
    const next = await syncGmail(h.gmail, options(start.cursor));
    const sent = next.signals.find((signal) => signal.data.messageId === draft.message.id);
    expect(sent?.data.labels).toContain('SENT');
    expect(sent?.data.bodyText).toContain('Could you send the slides?');
  });

  it('stops an incremental sync at the cap on a record boundary and loses nothing over the next syncs', async () => {
    const start = await syncGmail(h.gmail, options(null));
    const added = await h.control.addMessages(
      h.email,
      Array.from({ length: 5 }, (_, i) => ({ from: 'feed@example.com', subject: `burst ${i}`, text: 'x', date: new Date(Date.parse(NOW) + i * 1000).toISOString() })),
    );
    const seen: string[] = [];
    let cursor = start.cursor;
    const rounds: boolean[] = [];
    for (let round = 0; round < 4; round += 1) {
      const result = await syncGmail(h.gmail, options(cursor, { maxMessages: 2 }));
      seen.push(...result.signals.map((signal) => signal.externalId));
      rounds.push(result.truncated);
      cursor = result.cursor;
    }
    expect(rounds).toEqual([true, true, false, false]);
    expect(seen).toEqual(added.map((message) => message.id));
  });

  it('falls back to a full sync when the history has expired, without losing the mail that arrived', async () => {
    const full = await syncGmail(h.gmail, options(null));
    const late = await h.control.addMessage(h.email, { from: 'late@example.com', subject: 'arrived before expiry', text: 'x', date: NOW });
    await h.control.expireCursors(h.email);
    const resync = await syncGmail(h.gmail, options(full.cursor));
    expect(resync.mode).toBe('full');
    expect(resync.resyncReason).toMatch(/^history_expired: /);
    expect(resync.signals.map((signal) => signal.externalId)).toContain(late.id);
    expect(resync.cursor).not.toBe(full.cursor);

    // The new cursor works again.
    const after = await syncGmail(h.gmail, options(resync.cursor));
    expect(after.mode).toBe('incremental');
  });

  it('fails rather than skipping mail when Google keeps failing', async () => {
    const full = await syncGmail(h.gmail, options(null));
    await h.control.addMessage(h.email, { from: 'x@example.com', subject: 'needs reading', text: 'x', date: NOW });
    await h.control.addFault({ endpoint: 'gmail.messages.get', status: 500, times: 1 });
    await expect(syncGmail(h.gmail, options(full.cursor))).rejects.toMatchObject({ code: 'google_transient' });
    await h.control.clearFaults();
  });
});
