import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackUrl, waitUntilReady } from './readiness.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function serve(status: () => number): Promise<string> {
  server = createServer((_request, response) => {
    response.writeHead(status()).end('{}');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/ready`;
}

describe('isLoopbackUrl', () => {
  it('accepts loopback hosts only', () => {
    expect(isLoopbackUrl('http://127.0.0.1:3100/api/health/ready')).toBe(true);
    expect(isLoopbackUrl('http://127.1.2.3/x')).toBe(true);
    expect(isLoopbackUrl('http://localhost:3100/')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:3100/')).toBe(true);
    expect(isLoopbackUrl('http://10.0.0.1:3100/')).toBe(false);
    expect(isLoopbackUrl('http://example.com/')).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1.example.com/')).toBe(false);
    expect(isLoopbackUrl('file:///etc/passwd')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});

describe('waitUntilReady', () => {
  it('keeps polling through 503s until a 200', async () => {
    let calls = 0;
    const url = await serve(() => (++calls < 3 ? 503 : 200));
    const ready = await waitUntilReady(url, { intervalMs: 20, signal: new AbortController().signal });
    expect(ready).toBe(true);
    expect(calls).toBe(3);
  });

  it('polls a port nobody listens on until aborted, then resolves false', async () => {
    const url = await serve(() => 200);
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    const controller = new AbortController();
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = Date.now();
      controller.abort();
    }, 150);
    expect(await waitUntilReady(url, { intervalMs: 20, signal: controller.signal })).toBe(false);
    // Counted from the abort, not from the start: only the answer to the abort is timed.
    expect(abortedAt).toBeGreaterThan(0);
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
  });
});
