import type { FormInstance } from 'antd';
import { ApiError } from '../../../api/client';
import { fieldPath } from '../../../api/problem';

/**
 * Puts a problem's per-field errors on the form. `known` are the top-level form fields; for
 * `collapse` fields (edited as one textarea / tag list) an error on an item goes to the field itself.
 * Returns the messages that found no field.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, known: string[], collapse: string[] = []): string[] {
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return [];
  const unmatched: string[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const e of err.problem.errors) {
    let path = fieldPath(e.field);
    const head = path[0];
    if (typeof head !== 'string' || !known.includes(head)) {
      unmatched.push(e.message);
      continue;
    }
    if (collapse.includes(head)) path = [head];
    const key = JSON.stringify(path);
    const entry = byField.get(key) ?? { name: path, errors: [] };
    entry.errors.push(e.message);
    byField.set(key, entry);
  }
  if (byField.size) form.setFields([...byField.values()]);
  return unmatched;
}
