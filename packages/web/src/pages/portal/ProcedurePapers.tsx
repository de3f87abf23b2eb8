import { Table } from 'antd';
import type { ProcedureDocument } from '../../api/catalog';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';

function groupTitle(g: string): string {
  return g
    .replace(/^[\s*•-]+/, '')
    .replace(/[:：]\s*$/, '')
    .trim();
}

/** Required papers, grouped as published ("Giấy tờ phải nộp", "Giấy tờ phải xuất trình", …). */
export function ProcedurePapers({ documents }: { documents: ProcedureDocument[] }) {
  const t = useT();
  const groups = new Map<string, ProcedureDocument[]>();
  for (const d of documents) {
    const key = d.group ? groupTitle(d.group) : '';
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const quantity = (d: ProcedureDocument) => {
    if (d.quantityText) return d.quantityText;
    const parts = [];
    if (d.originals) parts.push(t('pcat.quantityOriginals', { n: formatNumber(d.originals) }));
    if (d.copies) parts.push(t('pcat.quantityCopies', { n: formatNumber(d.copies) }));
    return parts.join(', ') || t('common.none');
  };
  return (
    <>
      {[...groups.entries()].map(([group, docs], gi) => (
        <Table<ProcedureDocument & { key: number }>
          key={gi}
          size="small"
          pagination={false}
          style={{ marginBottom: 12 }}
          data-testid="procedure-papers"
          title={group ? () => <h3 style={{ fontSize: 15, margin: 0 }}>{group}</h3> : undefined}
          dataSource={docs.map((d, i) => ({ ...d, key: i }))}
          columns={[
            {
              title: t('pcat.paperName'),
              dataIndex: 'name',
              render: (v: string) => <span className="pre-line">{v.replace(/^-\s*/, '')}</span>,
            },
            {
              title: t('pcat.paperKind'),
              dataIndex: 'kind',
              width: 170,
              render: (k: ProcedureDocument['kind']) => (k ? t(`pcat.kind.${k}` as const) : t('common.none')),
            },
            { title: t('pcat.paperQuantity'), key: 'q', width: 150, render: (_: unknown, d) => quantity(d) },
            {
              title: t('pcat.paperForms'),
              dataIndex: 'forms',
              width: 200,
              render: (f: string[]) => (f.length ? f.join('; ') : t('common.none')),
            },
          ]}
        />
      ))}
    </>
  );
}
