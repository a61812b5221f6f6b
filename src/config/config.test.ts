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
