import { expect } from 'vitest';
import type { CreatedUser, IngestAnswer, IngestResult } from '../../src/contract/index.js';
import type { TestApp } from './app.js';

let n = 0;

/** Creates a user through the API; returns its id and user-scoped token. */
export async function addUser(t: TestApp, email = `user${n++}-${Date.now()}@example.com`) {
  const response = await t.call({ method: 'POST', url: '/api/users', payload: { email, name: 'Test User' } });
  expect(response.status).toBe(201);
  const created: CreatedUser = response.body;
  return { id: created.id, token: created.token, email };
}

export async function setSettings(t: TestApp, userId: string, patch: Record<string, unknown>) {
  const response = await t.call({ method: 'PUT', url: `/api/users/${userId}/settings`, payload: patch });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

export async function ingest(t: TestApp, signal: object) {
  const response = await t.call({ method: 'POST', url: '/api/events/ingest', payload: signal });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const answer: IngestAnswer = response.body;
  return answer.results[0] as IngestResult;
}

export async function decision(t: TestApp, id: string) {
  const response = await t.call({ method: 'GET', url: `/api/decisions/${id}` });
  expect(response.status).toBe(200);
  return response.body;
}

export async function countRows(t: TestApp, table: 'signals' | 'decisions' | 'actions' | 'approval_requests' | 'users') {
  const row = await t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
