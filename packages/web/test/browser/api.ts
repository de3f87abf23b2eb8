/**
 * A signed-in API session for browser tests (session cookie + CSRF token), as the web app itself talks to the
 * server: to read what a page stored, or to prepare a record the page then shows.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, url } from './browser';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ApiSession {
  userId: string;
  /** GET that must answer 200. */
  get(path: string): Promise<Json>;
  /** A JSON write; the status is the caller's to check. */
  send(
    method: string,
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Json }>;
  upload(path: string, form: FormData): Promise<{ status: number; json: Json }>;
}

export async function apiLogin(username: string): Promise<ApiSession> {
  const res = await fetch(url('/api/v1/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200, `login ${username}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const session = (await res.json()) as { csrfToken: string; user: { id: string } };
  const base = { cookie, 'x-csrf-token': session.csrfToken, accept: 'application/json' };
  return {
    userId: session.user.id,
    async get(path) {
      const r = await fetch(url(path), { headers: base });
      assert.equal(r.status, 200, `GET ${path}: ${r.status}`);
      return (await r.json()) as Json;
    },
    async send(method, path, body, headers = {}) {
      const r = await fetch(url(path), {
        method,
        headers: { ...base, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: r.status, json: (await r.json()) as Json };
    },
    async upload(path, form) {
      const r = await fetch(url(path), { method: 'POST', headers: base, body: form });
      return { status: r.status, json: (await r.json()) as Json };
    },
  };
}

/** One action of the state table with If-Match (the version just read) and a fresh Idempotency-Key; must succeed. */
export async function act(client: ApiSession, id: string, type: string, payload: Json = {}): Promise<Json> {
  const d = await client.get(`/api/v1/dossiers/${id}`);
  const r = await client.send(
    'POST',
    `/api/v1/dossiers/${id}/actions`,
    { type, payload },
    { 'if-match': `"${d.version}"`, 'idempotency-key': randomUUID() },
  );
  assert.equal(r.status, 200, `${type}: ${JSON.stringify(r.json)}`);
  return r.json;
}
