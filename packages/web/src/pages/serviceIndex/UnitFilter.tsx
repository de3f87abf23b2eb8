import { useMemo, useState } from 'react';
import { Input, Segmented } from 'antd';
import type { PeerSet, PublicIndexRow } from '../../api/serviceIndex';
import { useT } from '../../i18n';
import { fold } from './format';

type SetKey = PeerSet | 'OTHER';
type Choice = SetKey | 'ALL';
const setOf = (r: PublicIndexRow): SetKey => r.peerSet ?? 'OTHER';

/** The peer set most units belong to (ranks are within a peer set), 'ALL' when there is one. */
function mostCommon(rows: PublicIndexRow[]): Choice {
  const counts = new Map<SetKey, number>();
  for (const r of rows) counts.set(setOf(r), (counts.get(setOf(r)) ?? 0) + 1);
  if (counts.size <= 1) return 'ALL';
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

/**
 * Search by name (accent-insensitive: "xa me linh" finds "Xã Mê Linh") and the peer set shown (default the
 * largest; "Tất cả" only with `allowAll`). Returns the filtered rows and the controls.
 */
export function useUnitFilter<R extends PublicIndexRow>(units: R[], allowAll: boolean) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [choice, setChoice] = useState<Choice | null>(null);
  const sets = useMemo(() => [...new Set(units.map(setOf))], [units]);
  const fallback = mostCommon(units);
  const shown: Choice =
    choice && (choice === 'ALL' ? allowAll : sets.includes(choice))
      ? choice
      : fallback === 'ALL' && !allowAll
        ? (sets[0] ?? 'ALL')
        : fallback;
  const rows = useMemo(() => {
    const q = fold(search);
    return units.filter((u) => (shown === 'ALL' || setOf(u) === shown) && (!q || fold(u.name).includes(q)));
  }, [units, shown, search]);
  const controls = (
    <>
      <Input.Search
        allowClear
        aria-label={t('si.searchUnit')}
        placeholder={t('si.searchUnit')}
        style={{ maxWidth: 320 }}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {sets.length > 1 && (
        <Segmented
          aria-label={t('si.peerSet')}
          value={shown}
          onChange={(v) => setChoice(v as Choice)}
          options={[
            ...sets.map((p) => ({ value: p, label: t(`si.peerSet.${p}`) })),
            ...(allowAll ? [{ value: 'ALL', label: t('si.peerSet.ALL') }] : []),
          ]}
        />
      )}
    </>
  );
  return { rows, controls };
}
