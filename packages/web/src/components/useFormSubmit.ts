import { useEffect, useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { applyProblemToForm, problemMessage } from '../api/problem';
import { useT } from '../i18n';

/**
 * The submit of an editing form: validate, save, and on a refusal put the server's field errors on the fields and
 * its message (with the errors of no field) above the form; the server's field errors of a previous try are cleared
 * when the form is sent again. A 412 (someone saved the record meanwhile) shows
 * `conflictMessage` and calls `onConflict` so the caller reloads the latest version. The message is cleared
 * whenever `open` becomes true.
 */
export function useFormSubmit<V>(
  form: FormInstance<V>,
  fields: string[],
  opts: { open?: boolean; conflictMessage?: string; onConflict?: () => void } = {},
) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (opts.open !== false) setError(null);
  }, [opts.open]);

  const handler = (save: (values: V) => Promise<void>) => async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    // The fields' rules passed: an error still shown is the server's from the last try (antd clears it only on
    // fields that have rules), no longer true of what is sent now.
    clearFieldErrors(form);
    setBusy(true);
    setError(null);
    try {
      await save(values);
    } catch (e) {
      const extra = applyProblemToForm(form, e, fields);
      const conflict = opts.conflictMessage !== undefined && e instanceof ApiError && e.status === 412;
      setError([conflict ? opts.conflictMessage : problemMessage(e, t), ...extra].join(' '));
      if (conflict) opts.onConflict?.();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, handler };
}

/** Removes the errors shown on the form's fields (those set from a server answer with `setFields`). */
function clearFieldErrors(form: FormInstance): void {
  const stale = form.getFieldsError().filter((f) => f.errors.length > 0);
  if (stale.length) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
}
