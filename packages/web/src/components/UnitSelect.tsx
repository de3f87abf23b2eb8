import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import { unitsApi } from '../api/units';
import { toIsoDate } from '../format';
import dayjs from 'dayjs';
import { useT } from '../i18n';

export interface UnitOption {
  id: string;
  code: string;
  name: string;
}

interface Props {
  id?: string;
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  /** Search among units valid on this date (default today). */
  asOf?: string;
  multiple?: boolean;
  maxCount?: number;
  /** Labels for the current value(s), e.g. the parent of a unit being edited. */
  initialOptions?: UnitOption[];
  excludeIds?: string[];
  allowClear?: boolean;
  disabled?: boolean;
  placeholder?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
  status?: 'error' | 'warning' | '';
}

const label = (u: UnitOption) => `${u.name} (${u.code})`;

/** Searchable select of units, asking the server (`/units?q=`, accent-insensitive). */
export function UnitSelect(props: Props) {
  const t = useT();
  const { asOf = toIsoDate(dayjs()), multiple, initialOptions, excludeIds } = props;
  const [results, setResults] = useState<UnitOption[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, UnitOption>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const [resolved, setResolved] = useState(0);

  for (const o of initialOptions ?? []) known.current.set(o.id, o);

  // A single value whose name is not known yet (a form opened on a stored record): ask the server for it,
  // rather than showing the bare id.
  const unknownValue =
    !multiple && typeof props.value === 'string' && !known.current.has(props.value) ? props.value : null;
  useEffect(() => {
    if (!unknownValue) return;
    let live = true;
    unitsApi.get(unknownValue).then(
      (u) => {
        known.current.set(u.id, { id: u.id, code: u.code, name: u.name });
        if (live) setResolved((n) => n + 1);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [unknownValue]);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const page = await unitsApi.list({ asOf, q: q.trim() || undefined, limit: 20 });
        if (mine !== seq.current) return;
        const opts = page.items.map((u) => ({ id: u.id, code: u.code, name: u.name }));
        for (const o of opts) known.current.set(o.id, o);
        setResults(opts);
      } catch {
        if (mine === seq.current) setResults([]);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, 250);
  };

  useEffect(() => () => clearTimeout(timer.current), []);

  const selected = props.value == null ? [] : Array.isArray(props.value) ? props.value : [props.value];
  const options = useMemo(() => {
    const list = new Map<string, UnitOption>();
    for (const id of selected) {
      const k = known.current.get(id);
      if (k) list.set(id, k);
    }
    for (const r of results) list.set(r.id, r);
    return [...list.values()].filter((o) => !excludeIds?.includes(o.id)).map((o) => ({ value: o.id, label: label(o) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results, selected.join('|'), excludeIds?.join('|'), initialOptions, resolved]);

  return (
    <Select
      id={props.id}
      aria-label={props['aria-label']}
      aria-describedby={props['aria-describedby']}
      status={props.status}
      mode={multiple ? 'multiple' : undefined}
      maxCount={props.maxCount}
      value={multiple ? selected : (selected[0] ?? null)}
      onChange={(v: string | string[] | null | undefined) => props.onChange?.(v ?? (multiple ? [] : null))}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => {
        if (open && results.length === 0) search('');
      }}
      allowClear={props.allowClear}
      disabled={props.disabled}
      placeholder={props.placeholder ?? t('units.searchUnit')}
      notFoundContent={loading ? <Spin size="small" /> : undefined}
      options={options}
      style={{ width: '100%' }}
    />
  );
}
