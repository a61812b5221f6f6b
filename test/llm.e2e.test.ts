import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLlmEmulator, type RunningLlmEmulator } from '../src/llm-emulator/index.js';
import { CLI, childEnv, LiveProcess, poll, runCli, tempDataDir } from './support/processes.js';

describe('the API with a language model (SKYTWIN_LLM_*)', () => {
  const data = tempDataDir('skytwin-llm-');
  let model: RunningLlmEmulator | null = null;
  let api: LiveProcess | null = null;
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await model?.close();
    data.remove();
  });

  it('refuses a model off this machine at start, naming the setting', async () => {
    const env = childEnv({ SKYTWIN_DATA_DIR: data.dir, SKYTWIN_LLM_URL: 'https://api.example.com/v1', SKYTWIN_LLM_MODEL: 'gpt' });
    const run = await runCli(['migrate'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/SKYTWIN_LLM_URL: expected a URL on this machine/);
  });

  it('asks the configured model about mail the rules leave unknown, and says so in the decision', async () => {
    model = await startLlmEmulator();
    const env = childEnv({ SKYTWIN_DATA_DIR: data.dir, SKYTWIN_API_PORT: '0', SKYTWIN_LLM_URL: model.url, SKYTWIN_LLM_MODEL: 'skytwin-fake' });
    expect((await runCli(['migrate'], env)).code).toBe(0);
    api = new LiveProcess([CLI, 'api'], env);
    await api.waitFor(/language model: skytwin-fake at http:\/\/127\.0\.0\.1:\d+\/v1/);
    const [, url] = await api.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await poll(async () => ((await fetch(`${url}/api/health/ready`)).status === 200 ? true : null), 60_000);
    const headers = { authorization: `Bearer ${readFileSync(join(data.dir, 'api-token'), 'utf8').trim()}`, 'content-type': 'application/json' };
    const user = (await (await fetch(`${url}/api/users`, { method: 'POST', headers, body: JSON.stringify({ email: 'ann@example.com' }) })).json()) as { id: string };
    const signal = {
      userId: user.id,
      source: 'gmail',
      externalId: 'e2e-1',
      type: 'email.received',
      occurredAt: '2026-11-24T09:12:44Z',
      data: { messageId: 'e2e-1', threadId: 'e2e-1', from: 'Bob <bob@example.com>', to: ['ann@example.com'], cc: [], subject: 'Compiler notes, issue #3', snippet: '', labels: ['INBOX'], listUnsubscribe: null, bodyText: 'see below' },
    };
    const ingested = (await (await fetch(`${url}/api/events/ingest`, { method: 'POST', headers, body: JSON.stringify(signal) })).json()) as { results: { decisionId: string }[] };
    const decision = (await (await fetch(`${url}/api/decisions/${ingested.results[0]?.decisionId}`, { headers })).json()) as { situation: { kind: string }; explanation: { evidence: string[] } };
    expect(decision.situation.kind).toBe('newsletter');
    expect(decision.explanation.evidence[0]).toBe('interpreted by skytwin-fake: mentions "issue #"');
    // Counted by the answer's schema: the API's daily briefing may ask the same model for its summary at any moment.
    const requestsFor = (name: string) => (model?.requests ?? []).filter((r) => (r.body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name === name);
    expect(requestsFor('mail_interpretation')).toHaveLength(1);
    // A colleague's request gets a reply draft, its text written by the same model, its recipient the rules'.
    const request = { ...signal, externalId: 'e2e-2', data: { ...signal.data, messageId: 'e2e-2', threadId: 'e2e-2', subject: 'Q3 numbers', bodyText: 'Hi Ann, could you send me the Q3 numbers?' } };
    const asked = (await (await fetch(`${url}/api/events/ingest`, { method: 'POST', headers, body: JSON.stringify(request) })).json()) as { results: { decisionId: string }[] };
    const drafted = (await (await fetch(`${url}/api/decisions/${asked.results[0]?.decisionId}`, { headers })).json()) as { candidates: { action: string; parameters: Record<string, unknown> }[]; explanation: { evidence: string[] } };
    expect(drafted.candidates.find((c) => c.action === 'draft_reply')?.parameters).toMatchObject({ to: ['bob@example.com'], body: expect.stringMatching(/^Hello Bob,\n\nThank you for writing about "Q3 numbers"/) });
    expect(drafted.explanation.evidence).toContain('reply drafted by the language model skytwin-fake: read it before you send it');
    expect(requestsFor('mail_interpretation')).toHaveLength(1);
    expect(requestsFor('reply_draft')).toHaveLength(1);
  });
});
