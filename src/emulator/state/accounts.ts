import { GoogleError } from '../errors.js';
import type { Random } from '../random.js';
import type { EmulatorClock } from '../clock.js';

export const DEFAULT_SCOPES = [
  'openid',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/gmail.modify',
  'https://www.googleapis.com/auth/calendar',
] as const;

export interface Account {
  email: string;
  displayName: string;
  timeZone: string;
  /** Scopes a refresh token made by the control API carries. */
  scopes: string[];
}

interface AccessToken {
  email: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

interface RefreshToken {
  email: string;
  scopes: string[];
  revoked: boolean;
}

export interface AuthorizationCode {
  email: string;
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  challengeMethod: 'S256' | 'plain' | null;
  scopes: string[];
  /** access_type=offline: the exchange also answers a refresh token. */
  offline: boolean;
  expiresAt: number;
  used: boolean;
}

/** Accounts and their live OAuth material as the state file keeps them. */
export interface AccountsSnapshot {
  accounts: Account[];
  refresh: [string, RefreshToken][];
  access: [string, AccessToken][];
  codes: [string, AuthorizationCode][];
}

export type AccessCheck = { ok: true; email: string; scopes: string[] } | { ok: false; email: string | null };

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CODE_TTL_MS = 10 * 60_000;

/** Accounts and their OAuth material: refresh tokens, access tokens with expiry, one-time codes. */
export class AccountStore {
  private readonly accounts = new Map<string, Account>();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly random: Random,
    private readonly accessTtlSeconds: number,
  ) {}

  /** Everything but what can no longer be used (expired access tokens and codes). */
  snapshot(): AccountsSnapshot {
    const now = this.clock.now().getTime();
    return {
      accounts: [...this.accounts.values()].map((account) => ({ ...account, scopes: [...account.scopes] })),
      refresh: [...this.refresh].map(([token, record]) => [token, { ...record, scopes: [...record.scopes] }]),
      access: [...this.access].filter(([, record]) => record.expiresAt > now && !record.revoked).map(([token, record]) => [token, { ...record, scopes: [...record.scopes] }]),
      codes: [...this.codes].filter(([, code]) => code.expiresAt > now && !code.used).map(([code, record]) => [code, { ...record, scopes: [...record.scopes] }]),
    };
  }

  restore(snapshot: AccountsSnapshot): void {
    for (const account of snapshot.accounts) this.accounts.set(account.email, { ...account, scopes: [...account.scopes] });
    for (const [token, record] of snapshot.refresh) this.refresh.set(token, { ...record, scopes: [...record.scopes] });
    for (const [token, record] of snapshot.access) this.access.set(token, { ...record, scopes: [...record.scopes] });
    for (const [code, record] of snapshot.codes) this.codes.set(code, { ...record, scopes: [...record.scopes] });
  }

  /**
   * Makes `token` a refresh token of the account (e.g. the demo token after a restart that
   * restored the account); false when another account holds it.
   */
  adoptRefreshToken(email: string, token: string): boolean {
    const account = this.get(email);
    const held = this.refresh.get(token);
    if (held) return held.email === account.email;
    this.refresh.set(token, { email: account.email, scopes: account.scopes, revoked: false });
    return true;
  }

  create(input: { email: string; displayName?: string; timeZone: string; scopes?: string[]; refreshToken?: string }): { account: Account; refreshToken: string } {
    const email = input.email.trim().toLowerCase();
    if (this.accounts.has(email)) throw new GoogleError(409, 'duplicate', `Account ${email} already exists.`);
    if (input.refreshToken !== undefined && this.refresh.has(input.refreshToken)) {
      throw new GoogleError(409, 'duplicate', 'That refresh token is already in use.');
    }
    const account: Account = {
      email,
      displayName: input.displayName ?? email.split('@')[0] ?? email,
      timeZone: input.timeZone,
      scopes: input.scopes ?? [...DEFAULT_SCOPES],
    };
    this.accounts.set(email, account);
    const refreshToken = input.refreshToken ?? this.newRefreshToken();
    this.refresh.set(refreshToken, { email, scopes: account.scopes, revoked: false });
    return { account, refreshToken };
  }

  find(email: string): Account | undefined {
    return this.accounts.get(email.trim().toLowerCase());
  }

  get(email: string): Account {
    const found = this.find(email);
    if (!found) throw new GoogleError(404, 'notFound', `No account ${email}.`);
    return found;
  }

  list(): Account[] {
    return [...this.accounts.values()];
  }

  private newRefreshToken(): string {
    return `1//0${this.random.chars(60, TOKEN_ALPHABET)}`;
  }

  issueRefreshToken(email: string, scopes: string[]): string {
    const token = this.newRefreshToken();
    this.refresh.set(token, { email, scopes, revoked: false });
    return token;
  }

  mintAccessToken(email: string, scopes: string[]): { token: string; expiresIn: number } {
    const token = `ya29.${this.random.chars(96, TOKEN_ALPHABET)}`;
    this.access.set(token, { email, scopes, expiresAt: this.clock.now().getTime() + this.accessTtlSeconds * 1000, revoked: false });
    return { token, expiresIn: this.accessTtlSeconds };
  }

  /** The account behind a refresh token, or null when it is unknown or revoked. */
  refreshTokenOwner(token: string): { email: string; scopes: string[] } | null {
    const found = this.refresh.get(token);
    return found && !found.revoked ? { email: found.email, scopes: found.scopes } : null;
  }

  /** Who a refresh token or code belongs to, valid or not (for the request log and fault matching). */
  ownerOfGrant(value: string): string | null {
    return this.refresh.get(value)?.email ?? this.codes.get(value)?.email ?? null;
  }

  checkAccess(token: string): AccessCheck {
    const found = this.access.get(token);
    if (!found) return { ok: false, email: null };
    if (found.revoked || found.expiresAt <= this.clock.now().getTime()) return { ok: false, email: found.email };
    return { ok: true, email: found.email, scopes: found.scopes };
  }

  /** Revokes every refresh and access token of the account. */
  revokeAccount(email: string): number {
    let count = 0;
    for (const record of [...this.refresh.values(), ...this.access.values()]) {
      if (record.email === email && !record.revoked) {
        record.revoked = true;
        count += 1;
      }
    }
    return count;
  }

  /** Revokes one token; a refresh token takes the account's access tokens with it. Answers whether it was known. */
  revokeToken(token: string): boolean {
    const refresh = this.refresh.get(token);
    if (refresh) {
      this.revokeAccount(refresh.email);
      return true;
    }
    const access = this.access.get(token);
    if (access) access.revoked = true;
    return access !== undefined;
  }

  expireAccessTokens(email?: string): number {
    const now = this.clock.now().getTime();
    let count = 0;
    for (const record of this.access.values()) {
      if ((email === undefined || record.email === email) && record.expiresAt > now) {
        record.expiresAt = now;
        count += 1;
      }
    }
    return count;
  }

  createCode(input: Omit<AuthorizationCode, 'expiresAt' | 'used'>): string {
    const code = `4/0${this.random.chars(70, TOKEN_ALPHABET)}`;
    this.codes.set(code, { ...input, expiresAt: this.clock.now().getTime() + CODE_TTL_MS, used: false });
    return code;
  }

  /** The code's record if it can still be redeemed. */
  peekCode(code: string): AuthorizationCode | null {
    const found = this.codes.get(code);
    return !found || found.used || found.expiresAt <= this.clock.now().getTime() ? null : found;
  }

  /** Spends the code: a second exchange of it fails. */
  redeemCode(code: string): void {
    const found = this.codes.get(code);
    if (found) found.used = true;
  }
}
