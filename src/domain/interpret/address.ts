import { PUBLIC_MAIL_DOMAINS } from '../mail-facts.js';
import { asString } from './fields.js';

export interface ParsedAddress {
  /** Lower-cased bare address, e.g. "bob@example.com". */
  address: string;
  localPart: string;
  domain: string;
  /** Display name without quotes, or '' when the header had none. */
  name: string;
}

const ADDRESS = /^[^\s@<>(),;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** Parses `Name <addr>`, `"Doe, Jane" <addr>` or a bare `addr`; null when no valid address is there. */
export function parseAddress(raw: unknown): ParsedAddress | null {
  const text = asString(raw, 1_000).trim();
  if (text === '') return null;
  const open = text.lastIndexOf('<');
  const close = text.lastIndexOf('>');
  let candidate: string;
  let name = '';
  if (open !== -1 && close > open) {
    candidate = text.slice(open + 1, close);
    name = text.slice(0, open).trim().replace(/^"(.*)"$/, '$1').trim();
  } else {
    candidate = text;
  }
  const address = candidate.trim().toLowerCase().replace(/^mailto:/, '');
  if (!ADDRESS.test(address)) return null;
  const at = address.lastIndexOf('@');
  return { address, localPart: address.slice(0, at), domain: address.slice(at + 1), name };
}

export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL_DOMAINS.has(domain.toLowerCase());
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : address.slice(at + 1).toLowerCase();
}

export type SenderRole = 'noreply' | 'security' | 'billing' | 'notifications' | 'newsletter' | 'marketing';

const ROLE_TOKENS: Record<Exclude<SenderRole, 'noreply'>, readonly string[]> = {
  security: ['security', 'secure', 'account-security', 'accountprotection', 'verify', 'verification'],
  billing: ['billing', 'bill', 'bills', 'receipt', 'receipts', 'invoice', 'invoices', 'payment', 'payments', 'orders', 'order', 'purchases', 'subscriptions', 'subscription', 'renewals'],
  notifications: ['notifications', 'notification', 'notify', 'alerts', 'alert', 'updates', 'update', 'mailer', 'automated', 'bot', 'system', 'reminders', 'reminder'],
  newsletter: ['newsletter', 'newsletters', 'news', 'digest', 'weekly', 'editor', 'editors'],
  marketing: ['marketing', 'promo', 'promos', 'promotions', 'offers', 'deals', 'sale', 'sales', 'shop', 'store'],
};

/** What the local part says about the sender ("no-reply", "billing", "alerts"...), in a fixed order. */
export function senderRoles(localPart: string): SenderRole[] {
  const local = localPart.toLowerCase().replace(/\+.*$/, '');
  const compact = local.replace(/[._-]/g, '');
  const tokens = local.split(/[._-]+/).filter((token) => token !== '');
  const roles: SenderRole[] = [];
  if (compact.includes('noreply') || compact.includes('donotreply')) roles.push('noreply');
  for (const role of ['security', 'billing', 'notifications', 'newsletter', 'marketing'] as const) {
    const known = ROLE_TOKENS[role];
    if (known.includes(local) || tokens.some((token) => known.includes(token))) roles.push(role);
  }
  return roles;
}
