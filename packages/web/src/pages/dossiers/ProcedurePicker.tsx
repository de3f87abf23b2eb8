import { forwardRef, useEffect, useRef, useState } from 'react';
import { Select, Spin } from 'antd';
import type { RefSelectProps } from 'antd/es/select';
import { catalogApi, type ProcedureSummary } from '../../api/catalog';
import { useT } from '../../i18n';

interface Props {
  id?: string;
  unitId: string | undefined;
  value?: string | null;
  onChange?: (code: string | null, procedure: ProcedureSummary | undefined) => void;
  autoFocus?: boolean;
  status?: 'error' | '';
  'aria-describedby'?: string;
}

/**
 * Procedures applicable at the unit, searched by the server (accent-insensitive: "gia han tam tru"
 * finds "Gia hạn tạm trú"; a code like 1.002755 works too).
 */
export const ProcedurePicker = forwardRef<RefSelectProps, Props>(function ProcedurePicker(props, ref) {
  const t = useT();
  const { unitId } = props;
  const [items, setItems] = useState<ProcedureSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const known = useRef(new Map<string, ProcedureSummary>());

  const search = (q: string, delay = 250) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const page = await catalogApi.list({ q: q.trim() || undefined, unitId, limit: 20 });
        if (mine !== seq.current) return;
        for (const p of page.items) known.current.set(p.code, p);
        setItems(page.items);
      } catch {
        if (mine === seq.current) setItems([]);
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, delay);
  };

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    setItems([]);
  }, [unitId]);

  const selected = props.value ? known.current.get(props.value) : undefined;
  const options = [...(selected && !items.some((i) => i.code === selected.code) ? [selected] : []), ...items].map(
    (p) => ({ value: p.code, label: `${p.code} — ${p.name}` }),
  );

  return (
    <Select
      ref={ref}
      id={props.id}
      aria-describedby={props['aria-describedby']}
      status={props.status}
      autoFocus={props.autoFocus}
      value={props.value ?? null}
      placeholder={t('ds.rec.procedurePlaceholder')}
      showSearch={{ filterOption: false, onSearch: (q) => search(q) }}
      onOpenChange={(open) => {
        if (open && items.length === 0) search('', 0);
      }}
      onChange={(code: string | null) => props.onChange?.(code, code ? known.current.get(code) : undefined)}
      notFoundContent={loading ? <Spin size="small" /> : t('ds.rec.procedureNone')}
      options={options}
      style={{ width: '100%' }}
      popupMatchSelectWidth
      listHeight={360}
    />
  );
});
