import { ApiError } from '../../../api/client';

/** 412: the entry changed since it was loaded (If-Match mismatch). */
export const isConflict = (e: unknown) => e instanceof ApiError && e.status === 412;
