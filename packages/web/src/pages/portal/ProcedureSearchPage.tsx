import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Empty, Input, Select, Spin, Tag, Typography } from 'antd';
import type { Page } from '../../api/types';
import {
  ONLINE_LEVEL_FILTERS,
  PROCEDURE_LEVELS,
  catalogApi,
  type OnlineLevelFilter,
  type ProcedureLevel,
  type ProcedureSummary,
} from '../../api/catalog';
import { LoadError } from '../../auth/guards';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';

const PAGE_SIZE = 20;

export default function ProcedureSearchPage() {
  const t = useT();
  usePageTitle(t('pcat.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('linhVuc') ?? undefined;
  const level = (params.get('cap') as ProcedureLevel | null) ?? undefined;
  const online = (params.get('mucDo') as OnlineLevelFilter | null) ?? undefined;
  const [fields, setFields] = useState<{ field: string; count: number }[]>([]);
  const [items, setItems] = useState<ProcedureSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const [text, setText] = useState(q);

  useEffect(() => setText(q), [q]);

  const setParam = (key: string, value: string | undefined) => {
    const p = new URLSearchParams(params);
    if (value) p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: key !== 'q' });
  };

  useEffect(() => {
    const ac = new AbortController();
    catalogApi.fields(level, ac.signal).then(
      (r) => setFields(r.items),
      () => undefined,
    );
    return () => ac.abort();
  }, [level]);

  const query = { q: q || undefined, field, level, onlineLevel: online, limit: PAGE_SIZE };
  const load = async (cursor: string | null, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    try {
      const page: Page<ProcedureSummary> = await catalogApi.list({ ...query, cursor }, signal);
      setItems((old) => (cursor ? [...old, ...page.items] : page.items));
      setNext(page.nextCursor);
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  };

  useEffect(() => {
    const ac = new AbortController();
    setItems([]);
    void load(null, ac.signal);
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, field, level, online, reload]);

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('pcat.title')}
      </Typography.Title>
      <form
        role="search"
        aria-label={t('pcat.searchLabel')}
        onSubmit={(e) => e.preventDefault()}
        style={{ marginBottom: 12 }}
      >
        <label htmlFor="pcat-q" className="visually-hidden">
          {t('pcat.searchLabel')}
        </label>
        <Input.Search
          id="pcat-q"
          size="large"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('portal.searchPlaceholder')}
          enterButton={t('common.search')}
          allowClear
          onSearch={(v) => setParam('q', v.trim() || undefined)}
        />
      </form>
      <div className="filters">
        <div>
          <label htmlFor="pcat-field">{t('pcat.field')}</label>
          <Select
            id="pcat-field"
            style={{ width: '100%' }}
            value={field ?? ''}
            onChange={(v: string) => setParam('linhVuc', v || undefined)}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              { value: '', label: t('pcat.allFields') },
              ...fields.map((f) => ({
                value: f.field,
                label: t('pcat.fieldCount', { field: f.field, count: formatNumber(f.count) }),
              })),
            ]}
          />
        </div>
        <div>
          <label htmlFor="pcat-level">{t('pcat.level')}</label>
          <Select
            id="pcat-level"
            style={{ width: '100%' }}
            value={level ?? ''}
            onChange={(v: string) => setParam('cap', v || undefined)}
            options={[
              { value: '', label: t('pcat.allLevels') },
              ...PROCEDURE_LEVELS.map((l) => ({ value: l, label: t(`pcat.levelName.${l}` as const) })),
            ]}
          />
        </div>
        <div>
          <label htmlFor="pcat-online">{t('pcat.onlineLevel')}</label>
          <Select
            id="pcat-online"
            style={{ width: '100%' }}
            value={online ?? ''}
            onChange={(v: string) => setParam('mucDo', v || undefined)}
            options={[
              { value: '', label: t('pcat.allOnline') },
              ...ONLINE_LEVEL_FILTERS.map((l) => ({ value: l, label: t(`pcat.online.${l}` as const) })),
            ]}
          />
        </div>
      </div>

      <section aria-labelledby="pcat-results" aria-busy={loading}>
        <h2 id="pcat-results" className="visually-hidden">
          {t('pcat.results')}
        </h2>
        {error ? (
          <LoadError error={error} onRetry={() => setReload((k) => k + 1)} />
        ) : (
          <>
            <p aria-live="polite" style={{ margin: '0 0 8px' }}>
              {loading && items.length === 0
                ? t('common.loading')
                : t('pcat.shown', { count: formatNumber(items.length) })}
            </p>
            {items.length === 0 && !loading && <Empty description={t('pcat.empty')} />}
            <ul className="procedure-list" data-testid="procedure-results">
              {items.map((p) => (
                <li key={p.id}>
                  <Link className="procedure-link" to={`/dich-vu-cong/thu-tuc/${encodeURIComponent(p.code)}`}>
                    {p.name}
                  </Link>
                  <div className="procedure-meta">
                    <span>
                      {t('pcat.code')}: {p.code}
                    </span>
                    <Tag>{p.field}</Tag>
                    {p.levels.map((l) => (
                      <Tag key={l}>{t(`pcat.levelName.${l}` as const)}</Tag>
                    ))}
                    <span>
                      {t('pcat.onlineLevel')}: {t(`pcat.online.${p.onlineLevel ?? 'UNKNOWN'}` as const)}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
            {loading && items.length > 0 && <Spin />}
            {next && !loading && (
              <Button onClick={() => void load(next)} style={{ marginTop: 8 }}>
                {t('pcat.more')}
              </Button>
            )}
          </>
        )}
      </section>
    </>
  );
}
