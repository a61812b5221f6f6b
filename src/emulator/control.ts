import type { FastifyInstance } from 'fastify';
import type { MailKind } from './content.js';
import { seedDemo } from './demo.js';
import { GoogleError } from './errors.js';
import type { FaultSpec } from './faults.js';
import { isRecord, queryString } from './http.js';
import type { AccountInput, EmulatorState } from './state/emulator-state.js';
import type { EventInput } from './state/event-input.js';
import type { MailInput } from './state/mail-input.js';

type EmailParams = { email: string };
const bodyOf = (value: unknown): Record<string, unknown> => {
  if (!isRecord(value)) throw new GoogleError(400, 'invalid', 'a JSON object body is required');
  return value;
};

/**
 * The control API under /_emulator (JSON, no auth): accounts, mail, events, arrivals, revocation,
 * cursor and token expiry, faults and the request log. README.md lists every route.
 */
export function controlRoutes(app: FastifyInstance, state: EmulatorState): void {
  const base = '/_emulator';
  app.get(`${base}/health`, async () => ({ ok: true, seed: state.seed, accounts: state.accounts.list().length }));

  app.post(`${base}/accounts`, async (request, reply) => reply.status(201).send(state.createAccount(bodyOf(request.body) as unknown as AccountInput)));
  app.get(`${base}/accounts`, async () => ({ accounts: state.accounts.list() }));

  app.post<{ Params: EmailParams }>(`${base}/accounts/:email/access-tokens`, async (request, reply) => {
    const body = isRecord(request.body) ? request.body : {};
    const scopes = Array.isArray(body.scopes) ? body.scopes.filter((s): s is string => typeof s === 'string') : undefined;
    return reply.status(201).send(state.issueAccessToken(request.params.email, scopes));
  });

  app.post<{ Params: EmailParams }>(`${base}/accounts/:email/refresh-tokens`, async (request, reply) =>
    reply.status(201).send(state.issueRefreshToken(request.params.email)),
  );

  app.post<{ Params: EmailParams }>(`${base}/accounts/:email/messages`, async (request, reply) => {
    const body = bodyOf(request.body);
    if (Array.isArray(body.messages)) {
      const messages = (body.messages as MailInput[]).map((m) => state.addMessage(request.params.email, m));
      return reply.status(201).send({ messages });
    }
    return reply.status(201).send(state.addMessage(request.params.email, body as unknown as MailInput));
  });
  app.delete<{ Params: EmailParams & { id: string } }>(`${base}/accounts/:email/messages/:id`, async (request, reply) => {
    state.deleteMessage(request.params.email, request.params.id);
    return reply.status(204).send();
  });

  app.post<{ Params: EmailParams }>(`${base}/accounts/:email/calendars`, async (request, reply) => {
    const body = bodyOf(request.body) as { id: string; summary?: string; timeZone?: string };
    return reply.status(201).send(state.addCalendar(request.params.email, body));
  });
  app.post<{ Params: EmailParams }>(`${base}/accounts/:email/events`, async (request, reply) =>
    reply.status(201).send(state.addEvent(request.params.email, bodyOf(request.body) as unknown as EventInput)),
  );
  app.patch<{ Params: EmailParams & { eventId: string } }>(`${base}/accounts/:email/events/:eventId`, async (request) =>
    state.updateEvent(request.params.email, request.params.eventId, bodyOf(request.body), queryString(request, 'calendarId') ?? 'primary'),
  );
  app.delete<{ Params: EmailParams & { eventId: string } }>(`${base}/accounts/:email/events/:eventId`, async (request, reply) => {
    state.cancelEvent(request.params.email, request.params.eventId, queryString(request, 'calendarId') ?? 'primary');
    return reply.status(204).send();
  });

  app.post<{ Params: EmailParams }>(`${base}/accounts/:email/arrivals`, async (request) => {
    const body = bodyOf(request.body);
    const count = typeof body.count === 'number' ? body.count : undefined;
    state.startArrivals(request.params.email, { everyMs: Number(body.everyMs), ...(count !== undefined ? { count } : {}) });
    return { started: true };
  });
  app.delete<{ Params: EmailParams }>(`${base}/accounts/:email/arrivals`, async (request) => ({ stopped: state.stopArrivals(request.params.email) }));
  app.post<{ Params: EmailParams }>(`${base}/accounts/:email/arrivals/next`, async (request, reply) => {
    const body = isRecord(request.body) ? request.body : {};
    const kind = typeof body.kind === 'string' ? (body.kind as MailKind) : undefined;
    return reply.status(201).send(state.addMessage(request.params.email, state.nextArrival(request.params.email, kind)));
  });

  app.post<{ Params: EmailParams }>(`${base}/accounts/:email/revoke`, async (request) => {
    state.revokeRefreshTokens(request.params.email);
    return { revoked: true };
  });
  app.post<{ Params: EmailParams }>(`${base}/accounts/:email/expire-cursors`, async (request) => {
    state.expireCursors(request.params.email);
    return { expired: true };
  });
  app.post(`${base}/access-tokens/expire`, async (request) => {
    const body = isRecord(request.body) ? request.body : {};
    return { expired: state.expireAccessTokens(typeof body.email === 'string' ? body.email : undefined) };
  });

  app.post(`${base}/faults`, async (request, reply) => reply.status(201).send(state.addFault(bodyOf(request.body) as unknown as FaultSpec)));
  app.get(`${base}/faults`, async () => ({ faults: state.faults.list() }));
  app.delete(`${base}/faults`, async (_request, reply) => {
    state.faults.clear();
    return reply.status(204).send();
  });
  app.delete<{ Params: { id: string } }>(`${base}/faults/:id`, async (request, reply) => {
    if (!state.faults.remove(request.params.id)) throw new GoogleError(404, 'notFound', `No fault ${request.params.id}.`);
    return reply.status(204).send();
  });

  app.get(`${base}/requests`, async (request) => {
    const endpoint = queryString(request, 'endpoint');
    const account = queryString(request, 'account');
    return { requests: state.requestLog({ ...(endpoint !== undefined ? { endpoint } : {}), ...(account !== undefined ? { account } : {}) }) };
  });
  app.delete(`${base}/requests`, async (_request, reply) => {
    state.requests.clear();
    return reply.status(204).send();
  });

  app.post(`${base}/demo`, async (request, reply) => {
    const body = bodyOf(request.body);
    if (typeof body.email !== 'string') throw new GoogleError(400, 'invalid', 'email is required');
    const now = typeof body.now === 'string' ? new Date(body.now) : state.clock.now();
    if (Number.isNaN(now.getTime())) throw new GoogleError(400, 'invalid', 'now must be an ISO date');
    const summary = await seedDemo(state, {
      email: body.email,
      now,
      seed: typeof body.seed === 'number' ? body.seed : state.seed,
      ...(typeof body.arrivalsEveryMs === 'number' ? { arrivalsEveryMs: body.arrivalsEveryMs } : {}),
      ...(typeof body.timeZone === 'string' ? { timeZone: body.timeZone } : {}),
    });
    return reply.status(201).send(summary);
  });
}
