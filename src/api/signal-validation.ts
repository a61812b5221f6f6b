import { FormatRegistry, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { CalendarSignalBody, EmailSignalBody, MAX_SIGNALS_PER_REQUEST } from '../contract/index.js';
import type { Signal } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { dateProblem, RFC3339 } from './dates.js';
import type { FieldProblem } from './validation.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
if (!FormatRegistry.Has('uuid')) FormatRegistry.Set('uuid', (value) => UUID.test(value));
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (value) => RFC3339.test(value) && !Number.isNaN(Date.parse(value)));
if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', (value) => DATE.test(value) && !Number.isNaN(Date.parse(value)));

const checkers = {
  gmail: TypeCompiler.Compile(EmailSignalBody),
  calendar: TypeCompiler.Compile(CalendarSignalBody),
};

/** Validates a batch; every problem names its signal and field, and nothing is ingested unless all are valid. */
export function parseSignals(body: unknown): Signal[] {
  const list = isRecord(body) && Array.isArray(body.signals) ? body.signals : [body];
  if (list.length === 0) throw errors.validation('signals is empty: send at least one signal', [{ field: 'signals', message: 'must not be empty' }]);
  if (list.length > MAX_SIGNALS_PER_REQUEST) {
    throw errors.validation(`At most ${MAX_SIGNALS_PER_REQUEST} signals per request`, [{ field: 'signals', message: `must have at most ${MAX_SIGNALS_PER_REQUEST} entries` }]);
  }
  const problems: FieldProblem[] = [];
  const batch = list.length > 1 || (isRecord(body) && Array.isArray(body.signals));
  list.forEach((item, index) => problems.push(...problemsOf(item, batch ? `signals[${index}].` : '')));
  if (problems.length > 0) {
    throw errors.validation(`Invalid signal: ${problems.slice(0, 5).map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  }
  return list as Signal[];
}

function problemsOf(item: unknown, prefix: string): FieldProblem[] {
  if (!isRecord(item)) return [{ field: prefix.replace(/\.$/, '') || 'body', message: 'must be an object' }];
  const source = item.source;
  if (source !== 'gmail' && source !== 'calendar') {
    return [{ field: `${prefix}source`, message: 'must be "gmail" or "calendar"' }];
  }
  const checker = checkers[source];
  if (checker.Check(item)) return invalidDates(item as Static<typeof EmailSignalBody> | Static<typeof CalendarSignalBody>, prefix);
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const error of checker.Errors(item)) {
    const field = `${prefix}${error.path.replace(/^\//, '').replaceAll('/', '.')}`;
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, message: error.value === undefined ? 'is required' : describe(error.schema, error.message) });
  }
  return problems;
}

function invalidDates(signal: { occurredAt: string; data: unknown }, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const occurred = dateProblem(signal.occurredAt);
  if (occurred) problems.push({ field: `${prefix}occurredAt`, message: occurred });
  const data = signal.data as { start?: unknown; end?: unknown };
  for (const key of ['start', 'end'] as const) {
    const value = data[key];
    const problem = typeof value === 'string' ? dateProblem(value) : null;
    if (problem) problems.push({ field: `${prefix}data.${key}`, message: problem });
  }
  return problems;
}

function describe(schema: TSchema, fallback: string): string {
  if (schema.format === 'uuid') return 'must be a UUID';
  if (schema.format === 'date-time') return 'must be an RFC 3339 date-time such as 2026-11-24T09:12:44Z';
  return fallback.toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
