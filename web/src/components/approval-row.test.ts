import { describe, expect, it } from 'vitest';
import { alwaysLabel, rowLabel } from './approval-row.js';

const action = (type: string) => ({ type, domain: 'email', parameters: {}, reversibility: 'full', estimatedCostCents: 0 });

describe('an approval row in words', () => {
  it('is labelled by sender and subject, the way assistive technology and tests find it', () => {
    expect(rowLabel({ sender: { name: 'Bob Stone', address: 'bob@example.com' }, subject: 'Q1 roadmap' })).toBe('Bob Stone <bob@example.com>: Q1 roadmap');
    expect(rowLabel({ sender: { name: null, address: 'news@acme.example' }, subject: null })).toBe('news@acme.example: (no subject)');
  });

  it('states the preference an "always" answer would set, for the actions that have one', () => {
    expect(alwaysLabel({ action: action('archive'), sender: { name: 'Compiler Weekly', address: 'news@compilerweekly.example' } })).toBe('Always archive from news@compilerweekly.example');
    expect(alwaysLabel({ action: action('draft_reply'), sender: { name: 'Bob', address: 'bob@example.com' } })).toBe('Always draft replies from bob@example.com');
    expect(alwaysLabel({ action: action('send_email'), sender: { name: 'Bob', address: 'bob@example.com' } })).toBeNull();
    expect(alwaysLabel({ action: null, sender: { name: 'Bob', address: 'bob@example.com' } })).toBeNull();
  });
});
