import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Static, TSchema } from '@sinclair/typebox';

// The API's answers are checked against the same contract schemas the API serialises with, so a
// client and an API of different versions fail with the field that differs, not somewhere later.
const ajv = new Ajv({ strict: false, allErrors: false });
addFormats.default(ajv);
const compiled = new WeakMap<TSchema, ValidateFunction>();

/** An answer that does not match the contract: a client or API of another version, or a bug. */
export class OffContractAnswerError extends Error {
  readonly code = 'off_contract_answer';
}

function validatorOf(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Whether `body` is what the contract's schema describes. */
export function matchesContract<T extends TSchema>(schema: T, body: unknown): body is Static<T> {
  return validatorOf(schema)(body);
}

/** `body` as the contract's type, or OffContractAnswerError naming the first field that differs. */
export function answerOf<T extends TSchema>(schema: T, body: unknown, what: string): Static<T> {
  const validate = validatorOf(schema);
  if (validate(body)) return body as Static<T>;
  const first = validate.errors?.[0];
  const where = first ? `${first.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'the body'} ${first.message ?? 'is wrong'}` : 'an unexpected shape';
  throw new OffContractAnswerError(`the API answered ${what} off its contract: ${where}`);
}
