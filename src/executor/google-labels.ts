import { isPermanentGoogleError, type GmailApi } from '../google/index.js';

/**
 * The id of the user label with this name, created when missing. A create that Google refuses
 * because the name exists (another run got there first) is reconciled by listing again.
 */
export async function labelIdFor(gmail: GmailApi, name: string): Promise<string> {
  const find = async () => (await gmail.labels.list()).labels?.find((label) => label.name.toLowerCase() === name.toLowerCase())?.id ?? null;
  const existing = await find();
  if (existing) return existing;
  try {
    return (await gmail.labels.create({ name, messageListVisibility: 'show', labelListVisibility: 'labelShow' })).id;
  } catch (error) {
    const raced = await find().catch(() => null);
    if (raced) return raced;
    if (isPermanentGoogleError(error) && error.status === 409) throw new Error(`Gmail refused to create the label "${name}" and it is not there`);
    throw error;
  }
}
