import type { FormInstance } from 'antd';
import { ApiError, apiLanguage } from './client';
import type { Translate } from '../i18n';

/**
 * The message to show for an error: the server's Vietnamese `detail` first; in the English UI the code's
 * English `title` (the server's `detail` and field messages are Vietnamese only).
 */
export function problemMessage(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK_ERROR') return t('error.network');
    const { detail, title } = err.problem;
    if (apiLanguage() === 'en' && err.code && title) return title;
    return detail ?? title ?? t('error.generic');
  }
  return t('error.generic');
}

/**
 * 'body.targets[0].code', 'targets.0.code' or '/targets/0/code' → ['targets', 0, 'code'].
 * The server prefixes the request part ('body.', 'querystring.', 'params.').
 */
export function fieldPath(field: string): (string | number)[] {
  const parts = field
    .split(/[.[\]/]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (parts.length > 1 && (parts[0] === 'body' || parts[0] === 'querystring' || parts[0] === 'params')) parts.shift();
  return parts;
}

/**
 * Puts the problem's per-field errors on the form (all messages of a field together). `knownFields` are the
 * top-level form fields; for `collapse` fields (edited as one textarea or tag list) an error on an item goes to the
 * field itself. Returns the messages that found no field (to be shown with the general message).
 */
export function applyProblemToForm(
  form: FormInstance,
  err: unknown,
  knownFields: string[],
  collapse: string[] = [],
): string[] {
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return [];
  const unmatched: string[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const e of err.problem.errors) {
    let path = fieldPath(e.field);
    const head = path[0];
    if (typeof head !== 'string' || !knownFields.includes(head)) {
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
