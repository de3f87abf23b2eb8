import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Table } from 'antd';
import type { Unit } from '../../../api/types';
import { unitsApi } from '../../../api/units';
import { problemMessage } from '../../../api/problem';
import { useT } from '../../../i18n';
import { formatDate } from '../../../format';
import { unitColumns } from './columns';

interface TreeRow {
  key: string;
  unit: Unit | null;
  children?: TreeRow[];
}

interface Props {
  asOf: string;
  reloadKey: number;
  onOpen: (id: string) => void;
}

/** Unit tree valid at `asOf`, children loaded when a row is expanded. */
export function UnitTreeTable({ asOf, reloadKey, onOpen }: Props) {
  const t = useT();
  const [roots, setRoots] = useState<Unit[] | null>(null);
  const [kids, setKids] = useState<Record<string, Unit[]>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const expandedRef = useRef(expanded);
  expandedRef.current = expanded;
  const lastAsOf = useRef<string | null>(null);

  const load = useCallback(async (date: string, keep: string[], isCurrent: () => boolean) => {
    setError(null);
    try {
      const rs = await unitsApi.listAll({ asOf: date, parentId: 'root' });
      let open = keep;
      if (open.length === 0 && rs.length === 1 && rs[0]!.childCount > 0) open = [rs[0]!.id];
      const entries = await Promise.all(
        open.map(async (id) => [id, await unitsApi.listAll({ asOf: date, parentId: id }).catch(() => null)] as const),
      );
      if (!isCurrent()) return;
      const map: Record<string, Unit[]> = {};
      for (const [id, list] of entries) if (list) map[id] = list;
      setRoots(rs);
      setKids(map);
      setExpanded(open.filter((id) => map[id]));
    } catch (e) {
      if (isCurrent()) setError(e);
    }
  }, []);

  useEffect(() => {
    let current = true;
    const dateChanged = lastAsOf.current !== asOf;
    lastAsOf.current = asOf;
    if (dateChanged) {
      setRoots(null);
      setKids({});
      setExpanded([]);
    }
    void load(asOf, dateChanged ? [] : expandedRef.current, () => current);
    return () => {
      current = false;
    };
  }, [asOf, reloadKey, load]);

  const onExpand = async (open: boolean, row: TreeRow) => {
    if (!open || !row.unit || kids[row.key]) return;
    try {
      const list = await unitsApi.listAll({ asOf, parentId: row.unit.id });
      setKids((k) => ({ ...k, [row.key]: list }));
    } catch (e) {
      setError(e);
    }
  };

  const toRow = (u: Unit): TreeRow => ({
    key: u.id,
    unit: u,
    children: u.childCount > 0 ? (kids[u.id]?.map(toRow) ?? [{ key: `${u.id}:loading`, unit: null }]) : undefined,
  });

  return (
    <>
      {error != null && <Alert type="error" showIcon title={problemMessage(error, t)} style={{ marginBottom: 12 }} />}
      <Table<TreeRow>
        size="middle"
        rowKey="key"
        loading={roots === null && error == null}
        dataSource={(roots ?? []).map(toRow)}
        columns={unitColumns<TreeRow>(t, onOpen)}
        pagination={false}
        locale={{ emptyText: t('units.empty') }}
        title={() => <span id="units-tree-caption">{t('units.tableCaption', { date: formatDate(asOf) })}</span>}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
          onExpand: (open, row) => void onExpand(open, row),
          indentSize: 20,
        }}
      />
    </>
  );
}
