/**
 * Ranking within a peer set (service-index-766 §6): by total, descending; equal totals at the display
 * precision share a rank (tie-break unconfirmed — keep configurable), the next rank skips ("1, 1, 3").
 */
export interface Ranked<T> {
  item: T;
  total: number;
  rank: number;
}

export function rankByTotal<T>(items: readonly T[], totalOf: (t: T) => number, decimals = 2): Ranked<T>[] {
  const key = (n: number) => Number(n.toFixed(decimals));
  const sorted = items.map((item) => ({ item, total: totalOf(item) })).sort((a, b) => b.total - a.total);
  // Rounding keeps the order, so totals equal at the display precision sit side by side: one pass.
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || key(r.total) !== key(sorted[i - 1]!.total)) rank = i + 1;
    return { ...r, rank };
  });
}
