import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { interpretMessages, mailDataOf } from '../llm/prompt.js';
import { startLlmEmulator, type RunningLlmEmulator } from './index.js';

const KINDS = ['newsletter', 'promotion', 'receipt', 'notification', 'security_alert', 'subscription_renewal', 'personal', 'work_request'];
const schema = { type: 'object', properties: { kind: { type: 'string', enum: KINDS } } };

let server: RunningLlmEmulator | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function mail(subject: string, bodyText: string) {
  return mailDataOf({ messageId: 'm', threadId: 't', from: 'a@b.example', to: [], cc: [], subject, snippet: '', labels: [], listUnsubscribe: null, bodyText });
}

async function complete(url: string, subject: string, body: string) {
  const response = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'skytwin-fake', messages: interpretMessages(mail(subject, body), KINDS), response_format: { type: 'json_schema', json_schema: { name: 'i', strict: true, schema } } }),
  });
  const json = (await response.json()) as { choices: { message: { content: string } }[] };
  return JSON.parse(json.choices[0]?.message.content ?? 'null') as { kind: string; confidence: number; reason: string };
}

describe('the fake model server', () => {
  it('lists its model and refuses unknown routes the way OpenAI does', async () => {
    server = await startLlmEmulator({ models: ['m1'] });
    const models = (await (await fetch(`${server.url}/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((m) => m.id)).toEqual(['m1']);
    const missing = await fetch(`${server.url}/embeddings`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });

  it('by default picks a kind from the schema by keywords in the delimited mail, and records the request', async () => {
    server = await startLlmEmulator();
    expect((await complete(server.url, 'Your receipt', 'Thanks for your order')).kind).toBe('receipt');
    expect((await complete(server.url, 'Compiler Weekly, issue #12', 'This week in compilers')).kind).toBe('newsletter');
    expect((await complete(server.url, 'hmm', 'xyz')).kind).toBe('personal');
    expect(server.requests).toHaveLength(3);
    expect(server.requests[0]?.messages[0]?.role).toBe('system');
  });

  it('answers from the queue first, then the script, and can delay', async () => {
    server = await startLlmEmulator({ script: () => ({ kind: 'answer', content: { kind: 'promotion', confidence: 1, reason: 'script' } }) });
    server.enqueue({ kind: 'answer', content: { kind: 'receipt', confidence: 1, reason: 'queued' }, delayMs: 50 });
    expect((await complete(server.url, 's', 'b')).reason).toBe('queued');
    expect((await complete(server.url, 's', 'b')).reason).toBe('script');
  });

  it('runs standalone, printing its URL, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/llm-emulator/main.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    let url = '';
    for await (const line of lines) {
      const match = /listening on (\S+)/.exec(line);
      if (match?.[1]) {
        url = match[1];
        break;
      }
    }
    expect((await complete(url, 'Password reset', 'a suspicious sign-in')).kind).toBe('security_alert');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits 2 on a bad argument', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/llm-emulator/main.ts', '--port', 'x'], { stdio: 'ignore' });
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(2);
  });
});
