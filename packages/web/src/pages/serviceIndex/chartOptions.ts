/** ECharts options of the service-index charts (values already rounded for display). */
import type { EChartsCoreOption } from 'echarts/core';

export interface Series {
  name: string;
  data: (number | null)[];
  /** Right axis (percentages) in a line chart with two axes. */
  right?: boolean;
}

const vnNumber = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('vi-VN') : String(v ?? '—'));

export function barOption(
  categories: string[],
  series: Series[],
  opts: { horizontal?: boolean; max?: number; integer?: boolean } = {},
) {
  const cat = {
    type: 'category',
    data: categories,
    axisLabel: { hideOverlap: true, width: 160, overflow: 'truncate' },
  };
  const val = {
    type: 'value',
    max: opts.max,
    minInterval: opts.integer ? 1 : undefined,
    axisLabel: { formatter: vnNumber },
  };
  return {
    tooltip: { trigger: 'axis', valueFormatter: vnNumber },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 8, right: 24, top: series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
    xAxis: opts.horizontal ? val : cat,
    yAxis: opts.horizontal ? { ...cat, inverse: true } : val,
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, barMaxWidth: 28 })),
  } satisfies EChartsCoreOption;
}

export function lineOption(categories: string[], series: Series[]) {
  const twoAxes = series.some((s) => s.right);
  return {
    tooltip: { trigger: 'axis', valueFormatter: vnNumber },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories, boundaryGap: false },
    yAxis: twoAxes
      ? [
          { type: 'value', axisLabel: { formatter: vnNumber } },
          { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
        ]
      : { type: 'value', axisLabel: { formatter: vnNumber } },
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.data,
      yAxisIndex: s.right ? 1 : 0,
      connectNulls: false,
      symbolSize: 8,
    })),
  } satisfies EChartsCoreOption;
}

interface PieParams {
  name: string;
  value: number;
  percent: number;
}

/** Shares in vi-VN ("4,2%"), the label on one line so that neighbouring labels do not run into each other. */
export function pieOption(data: { name: string; value: number }[]) {
  const share = (p: PieParams) => `${vnNumber(Math.round(p.percent * 10) / 10)}%`;
  return {
    tooltip: { trigger: 'item', formatter: (p: PieParams) => `${p.name}: ${vnNumber(p.value)} (${share(p)})` },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data,
        avoidLabelOverlap: true,
        label: { formatter: (p: PieParams) => `${p.name}: ${share(p)}` },
        labelLine: { length: 12, length2: 8 },
      },
    ],
  } satisfies EChartsCoreOption;
}

/** Heat map: `cells` are [xIndex, yIndex, value]. */
export function heatmapOption(xs: string[], ys: string[], cells: [number, number, number][]) {
  const max = Math.max(1, ...cells.map((c) => c[2]));
  return {
    tooltip: { position: 'top' },
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: xs, splitArea: { show: true } },
    yAxis: { type: 'category', data: ys, splitArea: { show: true }, axisLabel: { width: 180, overflow: 'truncate' } },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#f6ffed', '#ffd666', '#cf1322'] },
    },
    series: [{ type: 'heatmap', data: cells, label: { show: cells.length <= 120 } }],
  } satisfies EChartsCoreOption;
}
