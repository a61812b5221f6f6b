import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { isConfigError } from './errors.js';

describe('SKYTWIN_OUTBOX_LEASE_MS', () => {
  it('holds a running action for 60 s by default, and takes other whole numbers of ms from 1000', () => {
    expect(parseConfig({}, '/tmp').outboxLeaseMs).toBe(60_000);
    expect(parseConfig({ SKYTWIN_OUTBOX_LEASE_MS: '5000' }, '/tmp').outboxLeaseMs).toBe(5_000);
    expect(parseConfig({ SKYTWIN_OUTBOX_LEASE_MS: '1000' }, '/tmp').outboxLeaseMs).toBe(1_000);
  });

  it('refuses anything else in one line naming the setting', () => {
    for (const raw of ['999', '0', '-5000', '5s', '1.5e3', '3600001']) {
      let caught: unknown;
      try {
        parseConfig({ SKYTWIN_OUTBOX_LEASE_MS: raw }, '/tmp');
      } catch (error) {
        caught = error;
      }
      expect(isConfigError(caught)).toBe(true);
      expect(caught instanceof Error ? caught.message : '').toBe(`SKYTWIN_OUTBOX_LEASE_MS: expected a whole number from 1000 to 3600000, got ${JSON.stringify(raw)}`);
    }
  });
});
