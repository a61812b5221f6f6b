import { isSignalTime } from '../domain/index.js';

/** Why this date text is not one SkyTwin takes, or null when it is. */
export function dateProblem(value: string): string | null {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return 'is not a real date';
  if (!isSignalTime(time)) return 'must be a date from 1970 to 2100';
  return null;
}

export const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 date-time within the dates SkyTwin accepts. */
export function isAcceptedDateTime(value: string): boolean {
  return RFC3339.test(value) && dateProblem(value) === null;
}
