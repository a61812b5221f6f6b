import type { FastifyInstance } from 'fastify';
import type { EmulatorClock } from './clock.js';
import { GoogleError } from './errors.js';
import { isRecord } from './http.js';
import { validateQuotaSettings, type GmailQuota, type GmailQuotaSettings } from './quota.js';

/** What `GET /_emulator/quota` answers: the limit, and the units each account spent in the current window. */
export interface QuotaState {
  gmail: GmailQuotaSettings | null;
  used: Record<string, number>;
}

/** `GET`/`PUT /_emulator/quota`: read or set Gmail's per-user quota; a PUT starts every window afresh. */
export function quotaRoutes(app: FastifyInstance, quota: GmailQuota, clock: EmulatorClock): void {
  const view = (): QuotaState => ({ gmail: quota.settings, used: quota.usage(clock.now().getTime()) });
  app.get('/_emulator/quota', async () => view());
  app.put('/_emulator/quota', async (request) => {
    const body = request.body;
    if (!isRecord(body) || !('gmail' in body)) throw new GoogleError(400, 'invalid', 'the body must be {"gmail": {"units": N, "windowMs": M} or null}');
    quota.configure(validateQuotaSettings(body.gmail));
    return view();
  });
}
