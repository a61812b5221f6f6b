import { PUBLIC_MAIL_DOMAINS } from '../mail-facts.js';
import { DOMAINS } from '../types.js';
import type { ActionSpec, Domain, Situation } from '../types.js';

/** Webmail domains get no domain key (see PUBLIC_MAIL_DOMAINS). */
export const WEBMAIL_DOMAINS: ReadonlySet<string> = PUBLIC_MAIL_DOMAINS;

export const MAX_PREFERENCE_KEY_LENGTH = 200;

export interface PreferenceKeyParts {
  domain: Domain;
  /** e.g. "sender", "domain", "organizer", "situation". */
  kind: string;
  /** What the key is about (an address, a domain, a situation kind), or null for a bare key. */
  subject: string | null;
}

const KEY_HEAD = /^([a-z]+)\.([a-z][a-z_]*)$/;

function isDomain(value: string): value is Domain {
  return (DOMAINS as readonly string[]).includes(value);
}

/** A subject may be anything readable but whitespace and control characters (keys travel in URLs and logs). */
const UNFIT_IN_SUBJECT = /[\u0000-\u0020\u007f\s]/u;

function isValidSubject(subject: string): boolean {
  return subject.length > 0 && !UNFIT_IN_SUBJECT.test(subject);
}

/** Splits "email.sender:news@acme.com" into its parts; null when the key is malformed. */
export function parsePreferenceKey(key: string): PreferenceKeyParts | null {
  if (key.length === 0 || key.length > MAX_PREFERENCE_KEY_LENGTH) return null;
  const colon = key.indexOf(':');
  const head = colon === -1 ? key : key.slice(0, colon);
  const subject = colon === -1 ? null : key.slice(colon + 1);
  const match = KEY_HEAD.exec(head);
  if (!match) return null;
  const domain = match[1] ?? '';
  const kind = match[2] ?? '';
  if (!isDomain(domain)) return null;
  if (subject !== null && !isValidSubject(subject)) return null;
  return { domain, kind, subject };
}

/** `<domain>.<kind>[:<subject>]`, at most 200 characters. */
export function isValidPreferenceKey(key: string): boolean {
  return parsePreferenceKey(key) !== null;
}

/**
 * The preference keys a situation can use, most specific first. Keys that would be malformed
 * (an address with spaces, an over-long one) are left out rather than stored broken.
 */
export function preferenceKeysFor(situation: Situation): string[] {
  const d = situation.domain;
  const counterpart = situation.facts.counterpart?.trim().toLowerCase();
  const counterpartDomain = situation.facts.counterpartDomain?.trim().toLowerCase();
  const keys: string[] = [];
  const personKind = d === 'calendar' ? 'organizer' : 'sender';
  if (counterpart) keys.push(`${d}.${personKind}:${counterpart}`);
  if (d === 'email' && counterpartDomain && !WEBMAIL_DOMAINS.has(counterpartDomain)) {
    keys.push(`${d}.domain:${counterpartDomain}`);
  }
  keys.push(`${d}.situation:${situation.kind}`);
  return keys.filter(isValidPreferenceKey);
}

function stringParameter(action: ActionSpec, name: string): string | null {
  const value = action.parameters[name];
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

/**
 * The preference value an action stands for. RSVP and label carry their parameter because
 * "accept" and "decline" (or two different labels) are different habits, not one.
 */
export function actionValue(action: ActionSpec): string {
  if (action.type === 'rsvp') {
    const response = stringParameter(action, 'response');
    return response ? `rsvp:${response.toLowerCase()}` : 'rsvp';
  }
  if (action.type === 'label') {
    const label = stringParameter(action, 'label');
    return label ? `label:${label}` : 'label';
  }
  return action.type;
}
