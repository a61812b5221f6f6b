/** Where the Google client gets access tokens; the worker asks the API, the API asks Google. */
export interface AccessTokenSource {
  /** A token believed to be valid. */
  current(): Promise<string>;
  /** Google rejected `rejected`: return a newer token, fetching one only if nobody has yet. */
  refresh(rejected: string): Promise<string>;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export interface SingleFlightOptions {
  now?: () => Date;
  /** Fetch a new token this long before the old one expires; 60 s by default. */
  refreshBeforeMs?: number;
}

/**
 * An AccessTokenSource that caches one token and never runs two fetches at once: every caller
 * that needs a new token while a fetch is under way waits for that same fetch, and a refresh
 * for a token that has already been replaced returns the replacement without fetching.
 * A failed fetch is reported to all its waiters and the next call tries again. `fetchNew` is
 * told which token Google rejected, if any, so a source that asks a cache can ask past it.
 */
export function singleFlightTokens(fetchNew: (rejected?: string) => Promise<IssuedToken>, options: SingleFlightOptions = {}): AccessTokenSource {
  const now = options.now ?? (() => new Date());
  const refreshBeforeMs = options.refreshBeforeMs ?? 60_000;
  let cached: IssuedToken | null = null;
  let inFlight: Promise<IssuedToken> | null = null;

  const fetchShared = async (rejected?: string): Promise<string> => {
    inFlight ??= fetchNew(rejected)
      .then((issued) => {
        cached = issued;
        return issued;
      })
      .finally(() => {
        inFlight = null;
      });
    return (await inFlight).token;
  };

  const usable = (issued: IssuedToken | null): issued is IssuedToken =>
    issued !== null && issued.expiresAt.getTime() - now().getTime() > refreshBeforeMs;

  return {
    async current() {
      if (inFlight) return (await inFlight).token;
      return usable(cached) ? cached.token : fetchShared();
    },
    async refresh(rejected) {
      if (inFlight) return (await inFlight).token;
      if (usable(cached) && cached.token !== rejected) return cached.token;
      return fetchShared(rejected);
    },
  };
}
