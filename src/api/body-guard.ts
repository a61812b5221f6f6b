import type { FastifyInstance } from 'fastify';
import { errors } from '../errors/index.js';
import type { FieldProblem } from './validation.js';

/** Deeper JSON than this is refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 64;

// With the `u` flag a proper surrogate pair is one code point, so \p{Cs} matches only a lone half.
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/** Why PostgreSQL (or UTF-8) cannot take this string, or null when it can. */
function flaw(text: string): string | null {
  const found = UNSTORABLE.exec(text)?.[0];
  if (found === undefined) return null;
  return found === '\u0000' ? 'contains a NUL character (\\u0000), which cannot be stored' : 'contains a lone UTF-16 surrogate (half a character), which is not valid text';
}

/**
 * The first value in a parsed JSON document that nothing downstream can take: text with NUL or a
 * lone surrogate (in a value or a key), or nesting deeper than MAX_JSON_DEPTH. Named by its path.
 */
export function findUnstorable(value: unknown, path = '', depth = 0): FieldProblem | null {
  if (typeof value === 'string') {
    const problem = flaw(value);
    return problem ? { field: path || 'body', message: problem } : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_JSON_DEPTH) return { field: path || 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const problem = findUnstorable(value[index], `${path}[${index}]`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const keyProblem = flaw(key);
    if (keyProblem) return { field: `${path || 'body'} (a key)`, message: keyProblem };
    const problem = findUnstorable(item, field, depth + 1);
    if (problem) return problem;
  }
  return null;
}

function refuse(problem: FieldProblem): Error {
  return errors.validation(`Invalid request: ${problem.field} ${problem.message}`, [problem]);
}

/**
 * JSON bodies are parsed as Fastify does (prototype poisoning refused), an empty one counts as `{}`,
 * and a body, path parameter or query value that could never be stored is refused with a 400
 * naming it, before validation and before any handler runs.
 */
export function installBodyGuard(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, {});
    parse(request, text, (error: Error | null, value?: unknown) => {
      if (error) return done(error, undefined);
      // Checked before depth-unbounded code (validation, serialisation) sees it.
      const problem = findUnstorable(value);
      return problem ? done(refuse(problem), undefined) : done(null, value);
    });
  });
  app.addHook('preValidation', async (request) => {
    const problem = findUnstorable(request.params, 'params') ?? findUnstorable(request.query, 'query');
    if (problem) throw refuse(problem);
  });
}
