import type { FastifyRequest } from 'fastify';
import { GoogleError, googleErrors, type ApiFamily } from './errors.js';
import type { EmulatorState } from './state/emulator-state.js';

/** Route config every Google-facing route carries: its endpoint name for faults and the log. */
export interface EndpointConfig {
  endpoint: string;
  family: ApiFamily | 'oauth';
}

const AUTH = 'https://www.googleapis.com/auth/';
const ALL_MAIL = 'https://mail.google.com/';

/** Scopes that satisfy each kind of call (one of them is enough). */
export const SCOPES = {
  gmailRead: [ALL_MAIL, `${AUTH}gmail.modify`, `${AUTH}gmail.readonly`],
  gmailModify: [ALL_MAIL, `${AUTH}gmail.modify`],
  gmailDrafts: [ALL_MAIL, `${AUTH}gmail.modify`, `${AUTH}gmail.compose`],
  gmailSend: [ALL_MAIL, `${AUTH}gmail.modify`, `${AUTH}gmail.compose`, `${AUTH}gmail.send`],
  gmailLabels: [ALL_MAIL, `${AUTH}gmail.modify`, `${AUTH}gmail.labels`],
  gmailLabelsRead: [ALL_MAIL, `${AUTH}gmail.modify`, `${AUTH}gmail.readonly`, `${AUTH}gmail.labels`],
  calendarRead: [`${AUTH}calendar`, `${AUTH}calendar.readonly`, `${AUTH}calendar.events`, `${AUTH}calendar.events.readonly`],
  calendarList: [`${AUTH}calendar`, `${AUTH}calendar.readonly`, `${AUTH}calendar.calendarlist`, `${AUTH}calendar.calendarlist.readonly`],
  calendarWrite: [`${AUTH}calendar`, `${AUTH}calendar.events`],
} as const;

/** The bearer token of a call: the Authorization header, or Google's access_token parameter. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m?.[1] ?? null;
  }
  return queryString(request, 'access_token') ?? null;
}

/** The account a valid access token belongs to, or 401 authError; 403 when its scopes do not reach. */
export function authenticate(state: EmulatorState, request: FastifyRequest, scopes: readonly string[]): string {
  const token = bearerToken(request);
  const check = token === null ? null : state.accounts.checkAccess(token);
  if (!check || !check.ok) throw googleErrors.authError();
  if (!check.scopes.some((scope) => scopes.includes(scope))) throw googleErrors.insufficientPermissions();
  return check.email;
}

/** Gmail's userId: "me" or the caller's own address; anyone else is delegation Google refuses. */
export function checkUserId(userId: string, email: string): void {
  if (userId === 'me' || userId.toLowerCase() === email) return;
  throw new GoogleError(403, 'forbidden', `Delegation denied for ${email}`);
}

type Query = Record<string, string | string[] | undefined>;
const query = (request: FastifyRequest): Query => (request.query ?? {}) as Query;

export function queryString(request: FastifyRequest, name: string): string | undefined {
  const value = query(request)[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A repeatable parameter (labelIds=A&labelIds=B); comma lists are not split, as Google does not. */
export function queryList(request: FastifyRequest, name: string): string[] {
  const value = query(request)[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function queryInt(
  request: FastifyRequest,
  name: string,
  options: { family: ApiFamily; fallback: number; min: number; max: number; clamp: boolean },
): number {
  const text = queryString(request, name);
  if (text === undefined || text === '') return options.fallback;
  const value = Number(text);
  if (!Number.isInteger(value)) throw googleErrors.invalid(options.family, `Invalid value '${text}'. Values must match the following regular expression: '-?\\d+'`, name);
  if (options.clamp) return Math.min(Math.max(value, options.min), options.max);
  if (value < options.min || value > options.max) throw googleErrors.invalid(options.family, `Invalid value for ${name}: ${text}`, name);
  return value;
}

export function queryBool(request: FastifyRequest, name: string, family: ApiFamily): boolean {
  const text = queryString(request, name);
  if (text === undefined || text === '') return false;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw googleErrors.invalid(family, `Invalid boolean value: '${text}'.`, name);
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
