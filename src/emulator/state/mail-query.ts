import { GoogleError } from '../errors.js';
import type { LabelStore } from './labels.js';
import type { StoredMessage } from './message.js';

type Test = (message: StoredMessage) => boolean;

export interface MailQuery {
  matches: Test;
  /** The query asks for spam or trash itself (in:spam, in:trash, in:anywhere). */
  reachesSpamTrash: boolean;
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, m: 30 * 86_400_000, y: 365 * 86_400_000 };
const IN_ALIASES: Record<string, string> = { drafts: 'DRAFT', draft: 'DRAFT', sent: 'SENT', inbox: 'INBOX', trash: 'TRASH', spam: 'SPAM', starred: 'STARRED', important: 'IMPORTANT', unread: 'UNREAD', chats: 'CHAT' };
const CATEGORIES: Record<string, string> = { social: 'CATEGORY_SOCIAL', promotions: 'CATEGORY_PROMOTIONS', updates: 'CATEGORY_UPDATES', forums: 'CATEGORY_FORUMS', personal: 'CATEGORY_PERSONAL' };

/** Splits on spaces, keeping "quoted phrases" and key:"quoted values" together. */
function tokenize(q: string): string[] {
  return [...q.matchAll(/-?(?:[\w.]+:)?"[^"]*"|\S+/g)].map((m) => m[0]);
}

const invalid = (message: string): GoogleError => new GoogleError(400, 'invalidArgument', message);

function parseDay(value: string): number | null {
  if (/^\d{9,}$/.test(value)) return Number(value) * 1000;
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

function labelTest(labels: LabelStore, name: string): Test {
  const wanted = IN_ALIASES[name.toLowerCase()] ?? labels.byName(name)?.id ?? labels.byName(name.replace(/-/g, ' '))?.id ?? labels.byId(name)?.id;
  return wanted === undefined ? () => false : (m) => m.labelIds.includes(wanted);
}

function termTest(key: string, value: string, now: number, labels: LabelStore): Test {
  switch (key) {
    case 'in':
      return value.toLowerCase() === 'anywhere' ? () => true : labelTest(labels, value);
    case 'label':
      return labelTest(labels, value);
    case 'is':
      if (value === 'read') return (m) => !m.labelIds.includes('UNREAD');
      return labelTest(labels, value);
    case 'category': {
      if (value === 'primary') return (m) => !m.labelIds.some((id) => id.startsWith('CATEGORY_') && id !== 'CATEGORY_PERSONAL');
      const id = CATEGORIES[value.toLowerCase()];
      return id === undefined ? () => false : (m) => m.labelIds.includes(id);
    }
    case 'newer_than':
    case 'older_than': {
      const m = /^(\d+)([hdmy])$/i.exec(value);
      if (!m) throw invalid(`Invalid ${key} value: ${value}`);
      const cutoff = now - Number(m[1]) * (UNIT_MS[(m[2] ?? 'd').toLowerCase()] ?? 0);
      return key === 'newer_than' ? (msg) => msg.internalDate > cutoff : (msg) => msg.internalDate < cutoff;
    }
    case 'after':
    case 'before': {
      const ms = parseDay(value);
      if (ms === null) throw invalid(`Invalid ${key} value: ${value}`);
      return key === 'after' ? (m) => m.internalDate >= ms : (m) => m.internalDate < ms;
    }
    case 'rfc822msgid': {
      const id = value.replace(/^<|>$/g, '').toLowerCase();
      return (m) => m.rfc822MessageId === id;
    }
    case 'from':
    case 'to':
    case 'cc':
    case 'subject': {
      const needle = value.toLowerCase();
      return (m) => m.search[key].includes(needle);
    }
    case 'has':
      return value === 'attachment' ? (m) => m.search.hasAttachment : () => false;
    default:
      return textTest(`${key}:${value}`);
  }
}

function textTest(words: string): Test {
  const needle = words.toLowerCase();
  return (m) => [m.search.subject, m.search.from, m.search.to, m.search.text].some((field) => field.includes(needle));
}

/** Gmail search, the part SkyTwin and its tests use: terms joined by spaces all have to hold. */
export function parseMailQuery(q: string, now: number, labels: LabelStore): MailQuery {
  const tests: Test[] = [];
  let reachesSpamTrash = false;
  for (const token of tokenize(q)) {
    const negate = token.startsWith('-') && token.length > 1;
    const body = negate ? token.slice(1) : token;
    const m = /^([\w]+):(.+)$/.exec(body);
    let test: Test;
    if (m && m[1] && m[2]) {
      const key = m[1].toLowerCase();
      const value = m[2].replace(/^"(.*)"$/, '$1');
      if (key === 'in' && ['spam', 'trash', 'anywhere'].includes(value.toLowerCase())) reachesSpamTrash = true;
      test = termTest(key, value, now, labels);
    } else {
      test = textTest(body.replace(/^"(.*)"$/, '$1'));
    }
    tests.push(negate ? (msg) => !test(msg) : test);
  }
  return { matches: (message) => tests.every((test) => test(message)), reachesSpamTrash };
}
