/** Local dates are 'YYYY-MM-DD' strings; string comparison is date comparison. */
export interface Validity {
  validFrom: string;
  validTo: string | null;
}

export function isValidOn(unit: Validity, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === null || date <= unit.validTo);
}

/** Whether `inner` lies within `outer` (a child must not outlive its parent). */
export function isWithin(inner: Validity, outer: Validity): boolean {
  if (inner.validFrom < outer.validFrom) return false;
  if (outer.validTo === null) return true;
  return inner.validTo !== null && inner.validTo <= outer.validTo;
}

export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
