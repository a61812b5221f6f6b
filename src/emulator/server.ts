import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { calendarRoutes } from './calendar/index.js';
import { systemClock, type EmulatorClock } from './clock.js';
import { controlRoutes } from './control.js';
import { defaultFaultError, defaultOAuthFault, GoogleError, googleErrors, isGoogleError, OAuthError, type ApiFamily } from './errors.js';
import type { Fault } from './faults.js';
import { gmailRoutes } from './gmail/index.js';
import { bearerToken, isRecord, type EndpointConfig } from './http.js';
import { oauthRoutes } from './oauth.js';
import { GmailQuota, type GmailQuotaSettings } from './quota.js';
import { quotaRoutes } from './quota-routes.js';
import { EmulatorState } from './state/emulator-state.js';
import { loadStateFile, StateSaver } from './state-file.js';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Seeds ids, tokens, generated mail and fault probabilities (default 1). */
  seed?: number;
  clock?: EmulatorClock;
  /** Lifetime of access tokens (default 3600). */
  accessTokenTtlSeconds?: number;
  /** History records a mailbox keeps; older startHistoryIds answer 404 (default 1000). */
  historyRetention?: number;
  /** Receives one line per Google call and any internal error. */
  log?: (line: string) => void;
  /**
   * Keeps the state in this file: loaded on start (an unusable file is moved aside and the
   * emulator starts fresh), saved after changes and on close. Unset: the state lives in memory.
   */
  stateFile?: string;
  /** The longest a change waits to be saved (default 1000 ms): all a kill -9 can lose. */
  saveDelayMs?: number;
  /** Receives lines about the state file: restored, moved aside, not saved. */
  report?: (line: string) => void;
  /** Demo mode: a sign-in for an unknown address creates it with demo mail (see EmulatorState.demoAccounts). */
  demoAccounts?: { arrivalsEveryMs?: number };
  /** Gmail's per-user quota units per window; null or absent: not enforced (the control API can turn it on). */
  gmailQuota?: GmailQuotaSettings | null;
}

export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
  state: EmulatorState;
  /** Writes the state file now (true without one); close() saves as well. */
  save(): boolean;
  /** Gmail's per-user quota as enforced; `configure` it in process or through the control API. */
  gmailQuota: GmailQuota;
}

interface CallInfo {
  time: string;
  endpoint: string | null;
  account: string | null;
  fault: Fault | null;
  logged: boolean;
}

const configOf = (request: FastifyRequest): Partial<EndpointConfig> => (request.routeOptions.config ?? {}) as Partial<EndpointConfig>;

/** The account a call is made for, valid credentials or not: bearer token, refresh token, code or login hint. */
function callerOf(state: EmulatorState, request: FastifyRequest, family: EndpointConfig['family']): string | null {
  if (family !== 'oauth') {
    const token = bearerToken(request);
    return token === null ? null : state.accounts.checkAccess(token).email;
  }
  const body = isRecord(request.body) ? request.body : {};
  const grant = typeof body.refresh_token === 'string' ? body.refresh_token : typeof body.code === 'string' ? body.code : null;
  if (grant !== null) return state.accounts.ownerOfGrant(grant);
  const query = isRecord(request.query) ? request.query : {};
  return typeof query.login_hint === 'string' ? (state.accounts.find(query.login_hint)?.email ?? null) : null;
}

function sendFault(reply: FastifyReply, fault: Fault, family: EndpointConfig['family'], now: Date): FastifyReply {
  const status = fault.status ?? 500;
  let body: unknown = fault.body;
  const headers: Record<string, string> = {};
  if (body === undefined) {
    if (family === 'oauth') {
      const error = defaultOAuthFault(status);
      body = error.toBody();
    } else {
      const error = defaultFaultError(status, family as ApiFamily, fault.reason, now);
      Object.assign(headers, error.headers);
      body = error.toBody();
    }
  }
  Object.assign(headers, fault.headers ?? {});
  return reply.status(status).headers(headers).send(body);
}

function fastifyErrorToGoogle(error: FastifyError): GoogleError {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return googleErrors.parseError();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GoogleError(413, 'uploadTooLarge', 'Request payload size exceeds the limit.');
    default:
      return (error.statusCode ?? 500) < 500 ? googleErrors.badRequest(error.message) : googleErrors.backendError(500);
  }
}

/** The HTTP app: Google's routes, the control API, faults, the request log and Google-shaped errors. */
export function buildEmulatorApp(
  state: EmulatorState,
  log: (line: string) => void = () => undefined,
  gmailQuota: GmailQuota = new GmailQuota(null),
): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 36 * 1024 * 1024, forceCloseConnections: true });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const calls = new WeakMap<FastifyRequest, CallInfo>();

  app.addHook('onRequest', async (request) => {
    calls.set(request, { time: state.clock.now().toISOString(), endpoint: configOf(request).endpoint ?? null, account: null, fault: null, logged: false });
  });

  app.addHook('preHandler', async (request, reply) => {
    const { endpoint, family } = configOf(request);
    const call = calls.get(request);
    if (!endpoint || !family || !call) return;
    call.account = callerOf(state, request, family);
    const fault = state.faults.take(endpoint, call.account);
    if (!fault) return;
    call.fault = fault;
    if (fault.delayMs !== undefined && fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.drop === true) {
      call.logged = true;
      record(request, call, null);
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (fault.status !== undefined) return sendFault(reply, fault, family, state.clock.now());
    return undefined;
  });

  // Gmail's per-user quota, after faults (a test's explicit wish comes first). Only calls with a
  // valid token count: the others are refused before Gmail does any work.
  app.addHook('preHandler', async (request, reply) => {
    const { endpoint, family } = configOf(request);
    const call = calls.get(request);
    if (family !== 'gmail' || !endpoint || !call || call.fault !== null || call.account === null) return undefined;
    const token = bearerToken(request);
    if (token === null || !state.accounts.checkAccess(token).ok) return undefined;
    const verdict = gmailQuota.charge(call.account, endpoint, state.clock.now().getTime());
    if (verdict.allowed) return undefined;
    const error = googleErrors.quotaExceeded(verdict.retryAfterSeconds);
    return reply.status(error.code).headers(error.headers).send(error.toBody());
  });

  const record = (request: FastifyRequest, call: CallInfo, status: number | null): void => {
    const [path = '', query = ''] = request.url.split('?');
    if (path.startsWith('/_emulator')) return;
    state.requests.add({
      time: call.time,
      method: request.method,
      path,
      query,
      endpoint: call.endpoint,
      account: call.account,
      status,
      faulted: call.fault !== null,
      faultId: call.fault?.id ?? null,
    });
    log(`${request.method} ${path} ${status ?? 'dropped'}${call.endpoint ? ` ${call.endpoint}` : ''}${call.account ? ` ${call.account}` : ''}${call.fault ? ` fault=${call.fault.id}` : ''}`);
  };

  // drop: 'after': the call was carried out, and its answer is lost with the connection.
  app.addHook('onSend', async (request, _reply, payload) => {
    const call = calls.get(request);
    if (call?.fault?.drop !== 'after' || call.logged) return payload;
    call.logged = true;
    record(request, call, null);
    request.raw.socket.destroy();
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const call = calls.get(request);
    if (!call || call.logged) return;
    call.logged = true;
    record(request, call, reply.statusCode);
  });

  // A client that gave up (e.g. during an injected delay) never sees a response: log the call
  // anyway, with no status, so tests can count every call Google would have received.
  app.addHook('onRequestAbort', async (request) => {
    const call = calls.get(request);
    if (!call || call.logged) return;
    call.logged = true;
    record(request, call, null);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const family = configOf(request).family;
    if (error instanceof OAuthError) return reply.status(error.httpStatus).send(error.toBody());
    if (family === 'oauth' && !isGoogleError(error)) {
      return reply.status(400).send(new OAuthError(400, 'invalid_request', error.message).toBody());
    }
    const google = isGoogleError(error) ? error : fastifyErrorToGoogle(error);
    if (google.code >= 500 && !isGoogleError(error)) log(`internal error on ${request.method} ${request.url}: ${error.stack ?? error.message}`);
    return reply.status(google.code).headers(google.headers).send(google.toBody());
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send(new GoogleError(404, 'notFound', 'Not Found').toBody()));

  gmailRoutes(app, state);
  calendarRoutes(app, state);
  oauthRoutes(app, state);
  controlRoutes(app, state);
  quotaRoutes(app, gmailQuota, state.clock);
  return app;
}

/** Starts the emulator on 127.0.0.1 (by default) and answers once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const report = options.report ?? (() => undefined);
  const saved = options.stateFile !== undefined ? loadStateFile(options.stateFile, report) : null;
  const state = new EmulatorState({
    seed: options.seed ?? 1,
    clock: options.clock ?? systemClock,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    historyRetention: options.historyRetention ?? 1000,
    ...(saved ? { restore: saved } : {}),
  });
  state.demoAccounts = options.demoAccounts ?? null;
  const saver = options.stateFile !== undefined ? new StateSaver(options.stateFile, (written) => state.snapshot(written), options.saveDelayMs ?? 1000, report) : null;
  const gmailQuota = new GmailQuota(options.gmailQuota ?? null);
  const app = buildEmulatorApp(state, options.log, gmailQuota);
  if (saver) {
    state.onChange = () => saver.changed();
    // Google's reads change nothing worth keeping; writes, token grants and consents do.
    app.addHook('onResponse', async (request) => {
      if (request.method !== 'GET' || configOf(request).endpoint === 'oauth.authorize') saver.changed();
    });
  }
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = address !== null && typeof address === 'object' ? address.port : (options.port ?? 0);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    state,
    gmailQuota,
    save: () => saver?.save() ?? true,
    async close() {
      state.close();
      await app.close();
      saver?.close();
    },
  };
}
