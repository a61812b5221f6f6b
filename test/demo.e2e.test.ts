import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, freePort, LiveProcess, poll, tempDataDir } from './support/processes.js';


const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface DecisionItem {
  id: string;
  outcome: string;
}

describe('npm start without Google credentials (demo mode)', () => {
  it('shows decisions, approvals and automatic actions on Google within a minute', async () => {
    const temp = tempDataDir();
    cleanups.push(temp.remove);
    const port = await freePort();
    const env = childEnv({ SKYTWIN_DATA_DIR: temp.dir, SKYTWIN_API_PORT: String(port), SKYTWIN_EMULATOR_PORT: String(await freePort()) });
    const started = Date.now();
    const supervisor = new LiveProcess([join(process.cwd(), 'bin', 'skytwin-dev')], env);
    cleanups.push(async () => void (await supervisor.stop('SIGKILL')));

    const [, userId] = await supervisor.waitFor(/demo mode: user demo@skytwin\.example \(([0-9a-f-]{36})\) is connected to the Google emulator/, 60_000);
    expect(supervisor.output).toMatch(/demo mode: no Google credentials set, so Google is played by the local emulator/);
    const token = readFileSync(join(temp.dir, 'api-token'), 'utf8').trim();
    const get = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return (await response.json()) as Record<string, unknown>;
    };
    const decisions = await poll(async () => {
      const page = await get(`/api/users/${userId}/decisions?limit=200`);
      const items = page.decisions as DecisionItem[];
      const outcomes = new Set(items.map((item) => item.outcome));
      return outcomes.has('auto_execute') && outcomes.has('needs_approval') ? items : null;
    }, 60_000 - (Date.now() - started));
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(decisions.length).toBeGreaterThanOrEqual(40);

    const automatic = decisions.find((item) => item.outcome === 'auto_execute');
    const executed = await poll(async () => {
      const view = await get(`/api/decisions/${automatic?.id}`);
      return (view.execution as { state?: string } | null)?.state === 'succeeded' ? view : null;
    }, 20_000);
    expect(String((executed.explanation as { summary: string }).summary)).toMatch(/automatically/);
    const approvals = await get(`/api/users/${userId}/approvals?status=pending`);
    expect((approvals.approvals as unknown[]).length).toBeGreaterThan(0);
    const health = await (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).json();
    expect(health).toMatchObject({ demoMode: true });

    expect(await supervisor.stop('SIGTERM'), supervisor.output).toBe(0);
    expect(supervisor.output).toMatch(/\[worker\] worker stopping \(SIGTERM\)/);
  });
});
