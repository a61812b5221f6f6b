/**
 * Gmail body data: base64url, with or without `=` padding. Standard base64 characters and stray
 * whitespace are tolerated; invalid input decodes to whatever bytes precede the damage, never a throw.
 */
export function decodeBase64Url(data: string): Uint8Array {
  const normalized = data.replace(/[\s=]+/g, '').replace(/\+/g, '-').replace(/\//g, '_');
  return Buffer.from(normalized, 'base64url');
}
