import type { EmulatorControl } from '../../../src/emulator/control-client.js';

interface DraftRef {
  id: string;
  message: { id: string; threadId: string };
}

export interface DraftText {
  threadId: string;
  raw: string;
}

/**
 * Every draft in the account's Gmail as the emulator holds it, read back the way Gmail is read:
 * an access token for the account, then the drafts endpoints with the raw message.
 */
export async function gmailDrafts(emulator: EmulatorControl, email: string): Promise<DraftText[]> {
  const { accessToken } = await emulator.issueAccessToken(email);
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${emulator.baseUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const { drafts } = await get<{ drafts?: DraftRef[] }>('/gmail/v1/users/me/drafts?maxResults=500');
  const texts: DraftText[] = [];
  for (const draft of drafts ?? []) {
    const full = await get<{ message: { threadId: string; raw?: string } }>(`/gmail/v1/users/me/drafts/${draft.id}?format=raw`);
    texts.push({ threadId: full.message.threadId, raw: Buffer.from(full.message.raw ?? '', 'base64url').toString('utf8') });
  }
  return texts;
}
