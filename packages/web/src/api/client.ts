import type { Problem } from './types';

const BASE = '/api/v1';

/** Error thrown for every non-2xx answer (and for network failures, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
  get code(): string | undefined {
    return this.problem.code;
  }
}

let csrfToken: string | null = null;
let language: 'vi' | 'en' = 'vi';

/** The UI's language: the API's problem titles follow it (Accept-Language), not the browser's setting. */
export function setApiLanguage(lang: 'vi' | 'en'): void {
  language = lang;
}

export function apiLanguage(): 'vi' | 'en' {
  return language;
}
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The current CSRF token (for requests not sent through `request`, e.g. multipart uploads with progress). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Called when an authenticated request answers 401 (session expired). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue;
      params.set(k, String(v));
    }
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function readProblem(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      return { ...body, status: body.status ?? res.status };
    } catch {
      /* fall through */
    }
  }
  return { status: res.status, title: res.statusText || `HTTP ${res.status}` };
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': language === 'en' ? 'en, vi;q=0.5' : 'vi',
    ...opts.headers,
  };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR' });
  }

  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && !path.startsWith('/auth/')) unauthorizedHandler?.();
    throw new ApiError(problem);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown, headers?: Record<string, string>) =>
    request<T>('PATCH', path, { body, headers }),
  put: <T>(path: string, body: unknown, headers?: Record<string, string>) => request<T>('PUT', path, { body, headers }),
  postWith: <T>(path: string, body: unknown, opts: { query?: Query; headers?: Record<string, string> }) =>
    request<T>('POST', path, { body, ...opts }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};
