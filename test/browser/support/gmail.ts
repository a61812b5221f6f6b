import type { EmulatorControl } from '../../../src/emulator/control-client.js';

interface DraftRef {
  id: string;
  message: { id: string; threadId: string };
}

export interface DraftText {
  threadId: string;
  raw: string;
  /** The body as a person reads it (base64 or quoted-printable undone). */
  text: string;
}

/** The text of a single-part message: its body with the transfer encoding undone. */
export function bodyText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
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
    const raw = Buffer.from(full.message.raw ?? '', 'base64url').toString('utf8');
    texts.push({ threadId: full.message.threadId, raw, text: bodyText(raw) });
  }
  return texts;
}
