import { useSearchParams } from 'react-router-dom';
import { Space } from 'antd';
import type { WorkingUnit } from '../../auth/WorkingUnitContext';
import { UnitSelect } from '../../components/UnitSelect';
import { useT } from '../../i18n';

/** The unit of a report page, kept in the URL (`?donVi=<id>`); default the working unit. */
export function useUnitParam(fallback: string | undefined): [string | undefined, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get('donVi') ?? fallback;
  const set = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('donVi', id);
    else next.delete('donVi');
    setParams(next, { replace: true });
  };
  return [value, set];
}

export function UnitParamSelect(props: {
  value: string | undefined;
  onChange: (id: string | null) => void;
  fallback: WorkingUnit | null;
}) {
  const t = useT();
  const { value, onChange, fallback } = props;
  return (
    <Space>
      <label htmlFor="si-unit">{t('si.unit')}</label>
      <div style={{ width: 340 }}>
        <UnitSelect
          id="si-unit"
          value={value ?? null}
          onChange={(v) => onChange(typeof v === 'string' ? v : null)}
          initialOptions={fallback ? [fallback] : []}
          allowClear
          placeholder={t('si.unitPlaceholder')}
        />
      </div>
    </Space>
  );
}
