import { DUE_UNITS, type DueUnit } from '../../api/calendar';
import type { ProcedureDetail, ProcedureMethod } from '../../api/catalog';

/** The procedure's time limit usable by the due-date tool (counter channel first), if its unit is known. */
export function procedureDueTime(p: ProcedureDetail): { amount: number; unit: DueUnit } | null {
  const order: ProcedureMethod['channel'][] = ['direct', 'online', 'postal'];
  const methods = [...p.methods].sort((a, b) => order.indexOf(a.channel) - order.indexOf(b.channel));
  for (const m of methods) {
    if (m.time && (DUE_UNITS as string[]).includes(m.time.unit))
      return { amount: m.time.value, unit: m.time.unit as DueUnit };
  }
  return null;
}
