import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { isAcceptedDateTime } from './dates.js';
import { LazySchemas, type LazyCheck } from './lazy-schemas.js';

const BASE: Options = { removeAdditional: false, useDefaults: true, allErrors: true };

function ajv(options: Options): Ajv {
  const instance = new Ajv({ ...BASE, ...options });
  addFormats.default(instance);
  // Every date-time a route takes is bounded like a signal's, so none reaches the database out of range.
  instance.addFormat('date-time', { type: 'string', validate: isAcceptedDateTime });
  return instance;
}

/**
 * Bodies are JSON and must arrive with the types they declare: `"500"` is not a number and `true`
 * is not 1. Query strings and path parameters are text by nature, so only they are converted.
 */
export function installValidation(app: FastifyInstance, lazy: LazySchemas = new LazySchemas()): void {
  // Made, like each route's validator, when first needed (see LazySchemas).
  let strict: Ajv | null = null;
  let converting: Ajv | null = null;
  const compiler = (httpPart: string | undefined): Ajv =>
    httpPart === 'body' ? (strict ??= ajv({ coerceTypes: false })) : (converting ??= ajv({ coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }): LazyCheck =>
    lazy.check((): ValidateFunction => compiler(httpPart).compile(schema)),
  );
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * One problem per field, in words a person can act on: a union of constants reads "must be one of
 * a, b, c" once, not "must be equal to constant" per branch; a union whose object branch went
 * deeper reports only what was wrong inside it.
 */
export function describeValidation(context: string | undefined, issues: readonly ErrorObject[]): FieldProblem[] {
  const unions = new Set(issues.filter((issue) => issue.keyword === 'anyOf').map((issue) => issue.instancePath));
  const problems = new Map<string, string>();
  for (const path of unions) {
    const field = fieldOf(context, path, {});
    const inside = issues.some((issue) => isInside(fieldOf(context, issue.instancePath, issue.params), field));
    if (inside) continue;
    const at = issues.filter((issue) => issue.instancePath === path);
    const allowed = at.flatMap((issue) => (issue.keyword === 'const' ? [String(issue.params.allowedValue)] : []));
    const types = at.flatMap((issue) => (issue.keyword === 'type' ? [String(issue.params.type)] : []));
    const message = allowed.length > 0 ? `must be one of ${[...allowed, ...types].join(', ')}` : `must be ${[...new Set(types)].join(' or ') || 'of another shape'}`;
    problems.set(field, message);
  }
  const byField = new Map<string, ErrorObject[]>();
  for (const issue of issues) {
    const field = fieldOf(context, issue.instancePath, issue.params);
    // A union's own complaints ("must be null", "must match a schema in anyOf") say nothing a person can use.
    if (issue.keyword === 'anyOf' || (unions.has(issue.instancePath) && field === fieldOf(context, issue.instancePath, {}))) continue;
    if (!problems.has(field)) byField.set(field, [...(byField.get(field) ?? []), issue]);
  }
  for (const [field, found] of byField) {
    const allowed = found.flatMap((issue) => (issue.keyword === 'const' ? [String(issue.params.allowedValue)] : []));
    problems.set(field, allowed.length > 0 ? `must be one of ${allowed.join(', ')}` : messageOf(found[0] as ErrorObject));
  }
  return [...problems].map(([field, message]) => ({ field, message }));
}

function isInside(field: string, parent: string): boolean {
  return field.startsWith(`${parent}.`) || field.startsWith(`${parent}[`);
}

function messageOf(issue: ErrorObject): string {
  if (issue.keyword === 'enum' && Array.isArray(issue.params.allowedValues)) return `must be one of ${issue.params.allowedValues.join(', ')}`;
  if (issue.keyword === 'required') return 'is required';
  if (issue.keyword === 'additionalProperties') return 'is not a field this route knows';
  return issue.message ?? 'is invalid';
}

function fieldOf(context: string | undefined, path: string, params: Record<string, unknown>): string {
  const missing = typeof params.missingProperty === 'string' ? `/${params.missingProperty}` : '';
  const extra = typeof params.additionalProperty === 'string' ? `/${params.additionalProperty}` : '';
  const segments = `${path}${missing}${extra}`.split('/').slice(1);
  const pointer = segments.map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
  return pointer === '' ? (context ?? 'body') : pointer;
}
