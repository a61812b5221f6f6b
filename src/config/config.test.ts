import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { isConfigError } from './errors.js';

describe('SKYTWIN_EMULATOR_DEMO_REFRESH_TOKEN', () => {
  it('is unset by default and taken as given otherwise', () => {
    expect(parseConfig({}, '/tmp').emulatorDemoRefreshToken).toBeNull();
    expect(parseConfig({ SKYTWIN_EMULATOR_DEMO_REFRESH_TOKEN: 'skytwin-demo-refresh-token' }, '/tmp').emulatorDemoRefreshToken).toBe('skytwin-demo-refresh-token');
  });

  it('refuses a token too short to be one, without printing it', () => {
    let caught: unknown;
    try {
      parseConfig({ SKYTWIN_EMULATOR_DEMO_REFRESH_TOKEN: 'secret' }, '/tmp');
    } catch (error) {
      caught = error;
    }
    expect(isConfigError(caught)).toBe(true);
    const message = caught instanceof Error ? caught.message : '';
    expect(message).toMatch(/^SKYTWIN_EMULATOR_DEMO_REFRESH_TOKEN: expected at least 10 characters/);
    expect(message).not.toContain('secret');
  });
});

describe('SKYTWIN_RATE_LIMIT', () => {
  it('is 60 requests per 60 s by default, takes other windows, and off', () => {
    expect(parseConfig({}, '/tmp').rateLimit).toEqual({ limit: 60, windowMs: 60_000 });
    expect(parseConfig({ SKYTWIN_RATE_LIMIT: '600/1h' }, '/tmp').rateLimit).toEqual({ limit: 600, windowMs: 3_600_000 });
    expect(parseConfig({ SKYTWIN_RATE_LIMIT: 'off' }, '/tmp').rateLimit).toBeNull();
  });

  it('refuses anything else, saying what it takes', () => {
    for (const raw of ['60', '0/60s', '60/0s', 'sixty/60s', '60/60d']) {
      expect(() => parseConfig({ SKYTWIN_RATE_LIMIT: raw }, '/tmp')).toThrow(/SKYTWIN_RATE_LIMIT: expected requests\/window such as 60\/60s .*or off/);
    }
  });
});

describe('SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN', () => {
  it("is Gmail's 6,000 units a minute by default and takes an older project's 15,000", () => {
    expect(parseConfig({}, '/tmp').gmailQuotaUnitsPerMin).toBe(6_000);
    expect(parseConfig({ SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN: '15000' }, '/tmp').gmailQuotaUnitsPerMin).toBe(15_000);
    expect(parseConfig({ SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN: ' 100 ' }, '/tmp').gmailQuotaUnitsPerMin).toBe(100);
  });

  it('refuses anything but a whole number from 100 up, in one line naming the setting', () => {
    for (const raw of ['0', '-6000', '99', '6000.5', '6e3', '6,000', 'lots', '10000001']) {
      let caught: unknown;
      try {
        parseConfig({ SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN: raw }, '/tmp');
      } catch (error) {
        caught = error;
      }
      expect(isConfigError(caught)).toBe(true);
      const message = caught instanceof Error ? caught.message : '';
      expect(message).toBe(`SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN: expected a whole number from 100 to 10000000, got ${JSON.stringify(raw.trim())}`);
      expect(message).not.toContain('\n');
    }
  });
});
