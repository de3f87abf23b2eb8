import { useEffect, useState } from 'react';
import { Alert, Button, Table } from 'antd';
import type { Unit } from '../../../api/types';
import { unitsApi } from '../../../api/units';
import { problemMessage } from '../../../api/problem';
import { useT } from '../../../i18n';
import { formatDate } from '../../../format';
import { unitColumns } from './columns';

interface Row {
  key: string;
  unit: Unit;
}

/** Flat list of units matching `q` (server-side, accent-insensitive) valid at `asOf`. */
export function UnitSearchResults({
  asOf,
  q,
  reloadKey,
  onOpen,
}: {
  asOf: string;
  q: string;
  reloadKey: number;
  onOpen: (id: string) => void;
}) {
  const t = useT();
  const [items, setItems] = useState<Unit[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [more, setMore] = useState(false);

  useEffect(() => {
    let current = true;
    setItems(null);
    setError(null);
    unitsApi
      .list({ asOf, q, limit: 50 })
      .then((p) => {
        if (!current) return;
        setItems(p.items);
        setCursor(p.nextCursor);
      })
      .catch((e) => current && setError(e));
    return () => {
      current = false;
    };
  }, [asOf, q, reloadKey]);

  const loadMore = async () => {
    if (!cursor) return;
    setMore(true);
    try {
      const p = await unitsApi.list({ asOf, q, limit: 50, cursor });
      setItems((old) => [...(old ?? []), ...p.items]);
      setCursor(p.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setMore(false);
    }
  };

  return (
    <>
      {error != null && <Alert type="error" showIcon title={problemMessage(error, t)} style={{ marginBottom: 12 }} />}
      <Table<Row>
        size="middle"
        rowKey="key"
        loading={items === null && error == null}
        dataSource={(items ?? []).map((u) => ({ key: u.id, unit: u }))}
        columns={unitColumns<Row>(t, onOpen)}
        pagination={false}
        locale={{ emptyText: t('units.empty') }}
        title={() => <span id="units-search-caption">{t('units.searchCaption', { q, date: formatDate(asOf) })}</span>}
      />
      {cursor && (
        <Button style={{ marginTop: 12 }} onClick={loadMore} loading={more}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}
