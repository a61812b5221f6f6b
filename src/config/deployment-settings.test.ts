import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT, isDemoMode, parseConfig } from './config.js';

// The settings a container deployment needs (docker-compose.yml): where the API listens, which
// Host names it answers to, where demo mode finds the emulator, where the worker's heartbeat goes.

describe('SKYTWIN_API_HOST', () => {
  it('is loopback by default and takes an IP address or localhost', () => {
    expect(parseConfig({}, '/tmp').apiHost).toBe('127.0.0.1');
    for (const host of ['0.0.0.0', '::', '::1', '10.1.2.3', 'localhost']) expect(parseConfig({ SKYTWIN_API_HOST: host }, '/tmp').apiHost).toBe(host);
  });

  it('refuses anything else in one line naming the setting', () => {
    for (const raw of ['api', '0.0.0.0:3100', 'http://0.0.0.0', '300.1.1.1']) {
      expect(() => parseConfig({ SKYTWIN_API_HOST: raw }, '/tmp')).toThrow(
        `SKYTWIN_API_HOST: expected an IP address to listen on, such as 127.0.0.1 or 0.0.0.0 (every interface), got ${JSON.stringify(raw)}`,
      );
    }
  });
});

describe('SKYTWIN_API_ALLOWED_HOSTS', () => {
  it('is empty by default (loopback names only) and takes host:port names, lower-cased', () => {
    expect(parseConfig({}, '/tmp').apiAllowedHosts).toEqual([]);
    expect(parseConfig({ SKYTWIN_API_ALLOWED_HOSTS: 'api:3100' }, '/tmp').apiAllowedHosts).toEqual(['api:3100']);
    expect(parseConfig({ SKYTWIN_API_ALLOWED_HOSTS: ' API:3100 , skytwin.lan:8080,[fd00::1]:3100' }, '/tmp').apiAllowedHosts).toEqual([
      'api:3100',
      'skytwin.lan:8080',
      '[fd00::1]:3100',
    ]);
  });

  it('refuses a name without a port, a bad port, a URL, or an empty entry', () => {
    for (const raw of ['api', 'api:0', 'api:70000', 'http://api:3100', 'api:3100,,', '*:3100', 'api_1:3100']) {
      expect(() => parseConfig({ SKYTWIN_API_ALLOWED_HOSTS: raw }, '/tmp')).toThrow(/^SKYTWIN_API_ALLOWED_HOSTS: expected comma-separated host:port names, such as api:3100/);
    }
  });
});

describe('SKYTWIN_EMULATOR_URL', () => {
  it('points demo mode at the emulator: the demo client and every Google URL', () => {
    const config = parseConfig({ SKYTWIN_EMULATOR_URL: 'http://emulator:3101/' }, '/tmp');
    expect(isDemoMode(config)).toBe(true);
    expect(config).toMatchObject({
      googleClientId: DEMO_ACCOUNT.clientId,
      googleClientSecret: DEMO_ACCOUNT.clientSecret,
      googleApiBaseUrl: 'http://emulator:3101',
      googleOAuthTokenUrl: 'http://emulator:3101/token',
      googleOAuthAuthUrl: 'http://emulator:3101/o/oauth2/v2/auth',
    });
  });

  it('changes nothing once a real OAuth client is configured, or demo mode is off', () => {
    const real = parseConfig({ SKYTWIN_EMULATOR_URL: 'http://emulator:3101', GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 'secret' }, '/tmp');
    expect(isDemoMode(real)).toBe(false);
    expect(real).toMatchObject({ googleClientId: 'id', googleApiBaseUrl: 'https://www.googleapis.com', googleOAuthTokenUrl: 'https://oauth2.googleapis.com/token' });
    const off = parseConfig({ SKYTWIN_EMULATOR_URL: 'http://emulator:3101', SKYTWIN_DEMO: '0' }, '/tmp');
    expect(off).toMatchObject({ googleClientId: null, googleApiBaseUrl: 'https://www.googleapis.com' });
    expect(parseConfig({}, '/tmp')).toMatchObject({ googleClientId: null, googleApiBaseUrl: 'https://www.googleapis.com' });
  });

  it('refuses what is not an http URL', () => {
    expect(() => parseConfig({ SKYTWIN_EMULATOR_URL: 'emulator:3101' }, '/tmp')).toThrow(/^SKYTWIN_EMULATOR_URL: expected an http:\/\/ or https:\/\/ URL/);
  });
});

describe('SKYTWIN_WORKER_HEARTBEAT_FILE', () => {
  it('is run/worker.heartbeat in the data directory by default, and resolved against the working directory', () => {
    expect(parseConfig({ SKYTWIN_DATA_DIR: '/srv/skytwin' }, '/tmp').workerHeartbeatFile).toBe('/srv/skytwin/run/worker.heartbeat');
    expect(parseConfig({}, '/work').workerHeartbeatFile).toBe('/work/.skytwin/run/worker.heartbeat');
    expect(parseConfig({ SKYTWIN_WORKER_HEARTBEAT_FILE: 'beat' }, '/work').workerHeartbeatFile).toBe('/work/beat');
  });
});
