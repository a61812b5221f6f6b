import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../../src/api/index.js';
import { parseConfig } from '../../src/config/index.js';
import { poll } from '../support/processes.js';
import { zoneAtNoon } from '../support/zones.js';

describe('the API delivers due briefings on its own', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'skytwin-briefing-'));
  const config = parseConfig({ SKYTWIN_DATA_DIR: dataDir, SKYTWIN_API_PORT: '0' }, dataDir);
  let api: RunningApi | null = null;
  afterAll(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers, as soon as it starts, the briefing of a user whose active window is open', async () => {
    api = await startApi(config, { log: () => undefined });
    await api.ready;
    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${api?.url ?? ''}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const created = await call('POST', '/api/users', { email: 'briefing-start@example.com' });
    const userId = created.body.id as string;
    const zone = zoneAtNoon(new Date());
    expect((await call('PUT', `/api/users/${userId}/settings`, { quietHours: { start: '23:00', end: '06:00', timeZone: zone } })).status).toBe(200);
    expect((await call('GET', `/api/users/${userId}/briefing`)).body.lastDelivered).toBeNull();
    await api.close();

    const lines: string[] = [];
    api = await startApi(config, { log: (line) => lines.push(line) });
    await api.ready;
    const line = await poll(async () => lines.find((l) => l.startsWith(`briefing delivered to ${userId}`)) ?? null, 20_000, 50);
    const briefing = (await call('GET', `/api/users/${userId}/briefing`)).body as { lastDelivered: { localDate: string } | null; period: { basis: string } };
    expect(briefing.lastDelivered).not.toBeNull();
    expect(line).toBe(`briefing delivered to ${userId} for ${briefing.lastDelivered?.localDate}`);
    expect(briefing.period.basis).toBe('todays_briefing');
  }, 120_000);
});
