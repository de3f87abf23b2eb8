import { useEffect, useState } from 'react';
import { Checkbox, Input, Select } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { DOSSIER_STATES } from '../../api/dossiers';
import { useT } from '../../i18n';
import { stateLabel } from './labels';

export interface QueueFilterValues {
  q: string | undefined;
  state: string | undefined;
  includeSubtree: boolean;
}

/** `?trangThai=tat-ca`: the user cleared the state filter, which is not the same as "never chose one". */
const ALL_STATES = 'tat-ca';

/**
 * Filters kept in the address (?q=&trangThai=&capDuoi=1), so a filtered list can be bookmarked. Without a state
 * chosen the list shows `defaultState`, except while searching: a code or a name is looked for in every state
 * (the dossier a citizen asks about may have ended long ago).
 */
export function useQueueFilters(defaultState?: string): [QueueFilterValues, (k: string, v: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') || undefined;
  const chosen = params.get('trangThai');
  const values: QueueFilterValues = {
    q,
    state: chosen === ALL_STATES ? undefined : (chosen ?? (q ? undefined : defaultState)),
    includeSubtree: params.get('capDuoi') === '1',
  };
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return [values, set];
}

export function QueueFilters({
  values,
  set,
  subtree,
  states = true,
}: {
  values: QueueFilterValues;
  set: (k: string, v: string | null) => void;
  /** Offer "include lower units" (the user holds a subtree grant on the unit). */
  subtree?: boolean;
  states?: boolean;
}) {
  const t = useT();
  const [text, setText] = useState(values.q ?? '');
  useEffect(() => setText(values.q ?? ''), [values.q]);
  const selected = values.state ? values.state.split(',') : [];
  return (
    <div className="toolbar">
      <label htmlFor="ds-q" className="visually-hidden">
        {t('ds.search')}
      </label>
      <Input.Search
        id="ds-q"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('ds.searchPlaceholder')}
        allowClear
        enterButton={t('common.search')}
        onSearch={(v) => set('q', v.trim() || null)}
        style={{ width: 380, maxWidth: '100%' }}
      />
      {states && (
        <Select
          aria-label={t('ds.filterState')}
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('ds.allStates')}
          value={selected}
          onChange={(v: string[]) => set('trangThai', v.length ? v.join(',') : ALL_STATES)}
          style={{ minWidth: 280, maxWidth: 520 }}
          options={[
            { value: 'active', label: t('ds.activeStates') },
            ...DOSSIER_STATES.map((s) => ({ value: s, label: t(stateLabel(s)) })),
          ]}
          showSearch={{ optionFilterProp: 'label' }}
        />
      )}
      {subtree && (
        <Checkbox checked={values.includeSubtree} onChange={(e) => set('capDuoi', e.target.checked ? '1' : null)}>
          {t('ds.includeSubtree')}
        </Checkbox>
      )}
    </div>
  );
}
