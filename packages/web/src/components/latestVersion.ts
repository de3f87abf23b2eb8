import { useEffect } from 'react';
import type { FormInstance } from 'antd';

/**
 * The record a dialog edits, taken from the list as last loaded: after a 412 the caller reloads the list, and the
 * dialog then holds the latest version (its If-Match and its options) instead of the one it was opened with.
 */
export function latestOf<T extends { id: string }>(selected: T | 'new' | null, list: readonly T[]): T | null {
  if (selected === null || selected === 'new') return null;
  return list.find((r) => r.id === selected.id) ?? selected;
}

/** Puts the stored values back on the form when the record it edits arrives in a newer version (after a conflict). */
export function useValuesOfVersion<V>(form: FormInstance<V>, version: number | undefined, values: Partial<V>): void {
  useEffect(() => {
    if (version !== undefined) form.setFieldsValue(values as Parameters<FormInstance<V>['setFieldsValue']>[0]);
    // only a new version resets the form; `values` is rebuilt on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
}
