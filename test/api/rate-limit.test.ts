import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { backends } from '../support/database.js';
import { addUser } from '../support/users.js';

describe.each(backends())('the per-user rate limit on %s', (backend) => {
  it('lets exactly the limit through when requests arrive at once, and recovers as the window slides', async () => {
    const clock = new ManualClock(new Date('2026-12-02T10:00:05Z'));
    const t = await startTestApp(backend, clock, { rateLimit: { limit: 60, windowMs: 60_000 } });
    try {
      const user = await addUser(t);
      const answers = await Promise.all(Array.from({ length: 100 }, () => t.call({ method: 'GET', url: `/api/users/${user.id}/settings`, token: user.token })));
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(60);
      const refused = answers.filter((answer) => answer.status === 429);
      expect(refused).toHaveLength(40);
      expect(refused[0]?.body.error.code).toBe('rate_limited');
      // Another user has a limit of their own; the owner has none.
      const other = await addUser(t);
      expect((await t.call({ method: 'GET', url: `/api/users/${other.id}/settings`, token: other.token })).headers['ratelimit-remaining']).toBe('59');
      expect((await t.call({ method: 'GET', url: `/api/users/${user.id}/settings` })).status).toBe(200);
      // Well into the next window the burst has faded enough for requests to pass again.
      clock.advance(60_000 + 50_000);
      const later = await t.call({ method: 'GET', url: `/api/users/${user.id}/settings`, token: user.token });
      expect(later.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
