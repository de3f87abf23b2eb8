/** What every client that sends files or retries writes needs: a multipart upload with progress, and fresh keys. */
import { ApiError, getCsrfToken } from './client';
import type { Problem } from './types';

/** Multipart upload with upload progress (fetch has none). Resolves with the JSON body or throws ApiError. */
export function uploadForm<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('accept', 'application/json');
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NETWORK_ERROR' }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else {
        const p = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
        reject(new ApiError({ ...p, status: p.status ?? xhr.status, title: p.title ?? xhr.statusText }));
      }
    };
    xhr.send(form);
  });
}

/** A fresh Idempotency-Key (UUID v4); `crypto.randomUUID` is missing outside secure contexts (plain http by IP). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
