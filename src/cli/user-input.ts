import { fastFormats } from 'ajv-formats/dist/formats.js';
import { UsageError, USAGE } from './usage.js';

export interface UserAddInput {
  email: string;
  name: string | null;
}

// The same checks POST /api/users makes, so a user is refused alike whether the command goes
// through the running API or opens the database itself.
const EMAIL = fastFormats.email as RegExp;
const MAX_EMAIL = 320;
const MAX_NAME = 200;

/** `user add`'s options, checked: a bad one is a usage error (exit 2) before anything is opened. */
export function userAddInput(values: { email?: string; name?: string }): UserAddInput {
  const email = values.email?.trim();
  if (email === undefined || email.length > MAX_EMAIL || !EMAIL.test(email) || !email.includes('.', email.indexOf('@'))) {
    throw new UsageError('--email must be an email address', USAGE.user);
  }
  if (values.name === undefined) return { email, name: null };
  const name = values.name.trim();
  if (name === '' || name.length > MAX_NAME) throw new UsageError(`--name must be 1 to ${MAX_NAME} characters`, USAGE.user);
  return { email, name };
}
