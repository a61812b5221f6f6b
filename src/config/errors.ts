/** A setting that cannot be used; start-up stops with its one-line message. */
export class ConfigError extends Error {
  readonly code = 'invalid_setting';
  constructor(
    readonly setting: string,
    readonly allowed: string,
    readonly got: string,
  ) {
    super(`${setting}: expected ${allowed}, got ${JSON.stringify(got)}`);
    this.name = 'ConfigError';
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}
