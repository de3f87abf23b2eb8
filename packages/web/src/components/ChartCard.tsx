/**
 * A chart in a card with a "Bảng số liệu" (table view) toggle and exports: the chart's data as CSV and the
 * chart as a PNG image (echarts getDataURL). The chart stays mounted in table view so the image export works.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Card, Empty, Segmented, Space, Table } from 'antd';
import { DownloadOutlined, FileImageOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useT } from '../i18n';

echarts.use([
  BarChart,
  GaugeChart,
  HeatmapChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** A horizontally scrollable, keyboard-focusable region around a wide table without links or buttons. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      {children}
    </div>
  );
}

export interface ChartColumn<Row> {
  key: string;
  title: string;
  /** Cell in the table view (default: the CSV value). */
  render?: (row: Row) => ReactNode;
  /** Value in the CSV file. */
  value: (row: Row) => string | number | null | undefined;
  align?: 'left' | 'right';
}

interface Props<Row> {
  title: string;
  option: EChartsCoreOption;
  rows: Row[];
  columns: ChartColumn<Row>[];
  rowKey: (row: Row) => string;
  /** File name of the exports, without extension. */
  fileName: string;
  height?: number;
  extra?: ReactNode;
}

function csvCell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<Row>(rows: Row[], columns: ChartColumn<Row>[]): string {
  const lines = [columns.map((c) => csvCell(c.title)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.value(r))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function download(href: string, name: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function ChartCard<Row>(props: Props<Row>) {
  const { title, option, rows, columns, rowKey, fileName, height = 320, extra } = props;
  const t = useT();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const box = el.current;
    // hidden (table view, no rows) = 0 × 0: keep the last size so the image export still has a picture
    const observer = new ResizeObserver(() => box.clientWidth > 0 && instance.resize());
    observer.observe(box);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  useEffect(() => {
    if (view === 'chart') chart.current?.resize();
  }, [view]);

  const exportCsv = () => {
    const url = URL.createObjectURL(new Blob([toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }));
    download(url, `${fileName}.csv`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const exportImage = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (url) download(url, `${fileName}.png`);
  };
  const tableColumns: ColumnsType<Row> = columns.map((c) => ({
    key: c.key,
    title: c.title,
    align: c.align,
    render: (_: unknown, row: Row) => (c.render ? c.render(row) : (c.value(row) ?? '—')),
  }));

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>{title}</h2>} size="small">
      <Space wrap style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
        {extra}
        <Segmented
          size="small"
          aria-label={t('chart.view')}
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          options={[
            { value: 'chart', label: t('chart.chart') },
            { value: 'table', label: t('chart.table') },
          ]}
        />
        <Button size="small" icon={<DownloadOutlined />} onClick={exportCsv} aria-label={t('chart.csvOf', { title })}>
          CSV
        </Button>
        <Button
          size="small"
          icon={<FileImageOutlined />}
          onClick={exportImage}
          aria-label={t('chart.imageOf', { title })}
        >
          PNG
        </Button>
      </Space>
      {rows.length === 0 && <Empty description={t('chart.empty')} />}
      <div
        ref={el}
        role="img"
        aria-label={title}
        style={{ height, width: '100%', display: view === 'chart' && rows.length > 0 ? 'block' : 'none' }}
      />
      {view === 'table' && rows.length > 0 && (
        <ScrollRegion label={t('chart.tableOf', { title })}>
          <Table<Row>
            size="small"
            rowKey={rowKey}
            columns={tableColumns}
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          />
        </ScrollRegion>
      )}
    </Card>
  );
}
