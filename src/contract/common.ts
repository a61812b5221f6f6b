// Shapes every part of the HTTP contract shares: ids, errors, tiers, money.
import { Type, type TSchema } from '@sinclair/typebox';
import { ACTION_TYPES, type ActionType } from '../domain/types.js';

export const Uuid = Type.String({ format: 'uuid' });
export const UserParams = Type.Object({ userId: Uuid });
export const IdParams = Type.Object({ id: Uuid });
/** A worker's id for its poll leases: random per process. */
export const WorkerId = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' });

export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Array(Type.Unknown()) }),
});

export function withErrors<T extends Record<number, TSchema>>(responses: T) {
  return { ...responses, '4xx': ErrorBody, '5xx': ErrorBody };
}

export const Tier = Type.Union([
  Type.Literal('observer'),
  Type.Literal('suggest'),
  Type.Literal('low'),
  Type.Literal('moderate'),
  Type.Literal('high'),
]);

export const Cents = Type.Integer({ minimum: 0, maximum: 100_000_000_00 });

/** An action type SkyTwin knows; an enum, so a wrong one is told the allowed names once. */
export const ActionTypeName = Type.Unsafe<ActionType>({ type: 'string', enum: [...ACTION_TYPES] });
