import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { isConfigError } from './errors.js';

function failure(env: Record<string, string>): string {
  try {
    parseConfig(env, '/tmp');
  } catch (error) {
    expect(isConfigError(error)).toBe(true);
    return error instanceof Error ? error.message : '';
  }
  return 'no error';
}

describe('SKYTWIN_LLM_*', () => {
  it('is off without a URL: rules only', () => {
    expect(parseConfig({}, '/tmp').llm).toBeNull();
    expect(parseConfig({ SKYTWIN_LLM_MODEL: 'llama3.2' }, '/tmp').llm).toBeNull();
  });

  it('takes a loopback URL with a model, with an 8 s timeout by default', () => {
    const llm = parseConfig({ SKYTWIN_LLM_URL: 'http://127.0.0.1:11434/v1/', SKYTWIN_LLM_MODEL: 'llama3.2' }, '/tmp').llm;
    expect(llm).toEqual({ url: 'http://127.0.0.1:11434/v1', model: 'llama3.2', apiKey: null, localOnly: true, timeoutMs: 8_000, concurrency: 2 });
    for (const url of ['http://localhost:8080/v1', 'http://[::1]:8080/v1', 'http://127.8.9.10/v1', 'http://[::ffff:127.0.0.1]:1/v1']) {
      expect(parseConfig({ SKYTWIN_LLM_URL: url, SKYTWIN_LLM_MODEL: 'm' }, '/tmp').llm?.url).toBe(url);
    }
  });

  it('refuses a URL off this machine while LOCAL_ONLY is 1 (the default), naming the setting', () => {
    for (const url of ['https://api.openai.com/v1', 'http://192.168.1.5:11434/v1', 'http://128.0.0.1/v1', 'http://localhost.evil.example/v1', 'http://[::2]/v1']) {
      expect(failure({ SKYTWIN_LLM_URL: url, SKYTWIN_LLM_MODEL: 'm' })).toMatch(/^SKYTWIN_LLM_URL: expected a URL on this machine .*SKYTWIN_LLM_LOCAL_ONLY/);
    }
    const remote = parseConfig({ SKYTWIN_LLM_URL: 'https://api.example.com/v1', SKYTWIN_LLM_MODEL: 'm', SKYTWIN_LLM_LOCAL_ONLY: '0', SKYTWIN_LLM_API_KEY: 'sk-123' }, '/tmp').llm;
    expect(remote).toMatchObject({ url: 'https://api.example.com/v1', localOnly: false, apiKey: 'sk-123' });
  });

  it('names what is wrong with the other settings', () => {
    expect(failure({ SKYTWIN_LLM_URL: 'http://127.0.0.1:1/v1' })).toMatch(/^SKYTWIN_LLM_MODEL: expected the model name/);
    expect(failure({ SKYTWIN_LLM_URL: 'ftp://127.0.0.1/v1', SKYTWIN_LLM_MODEL: 'm' })).toMatch(/^SKYTWIN_LLM_URL: expected an http/);
    expect(failure({ SKYTWIN_LLM_LOCAL_ONLY: 'yes' })).toMatch(/^SKYTWIN_LLM_LOCAL_ONLY: expected 1/);
    expect(failure({ SKYTWIN_LLM_URL: 'http://127.0.0.1:1/v1', SKYTWIN_LLM_MODEL: 'm', SKYTWIN_LLM_TIMEOUT_MS: '5' })).toMatch(/^SKYTWIN_LLM_TIMEOUT_MS: expected a whole number from 100/);
  });
});
