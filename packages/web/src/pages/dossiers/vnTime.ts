// Instants shown in Vietnam time (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving), whatever the
// browser's time zone: dd/MM/yyyy HH:mm.
const VN_OFFSET_MS = 7 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

function toMs(v: string | number | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const ms = typeof v === 'number' ? v : Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

function parts(ms: number) {
  const d = new Date(ms + VN_OFFSET_MS);
  return {
    y: d.getUTCFullYear(),
    m: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    hh: pad(d.getUTCHours()),
    mm: pad(d.getUTCMinutes()),
  };
}

/** '07/12/2026 07:00' (empty for none). */
export function vnDateTime(v: string | number | null | undefined): string {
  const ms = toMs(v);
  if (ms === null) return '';
  const p = parts(ms);
  return `${p.d}/${p.m}/${p.y} ${p.hh}:${p.mm}`;
}

/** '07/12/2026'. */
export function vnDate(v: string | number | null | undefined): string {
  const ms = toMs(v);
  if (ms === null) return '';
  const p = parts(ms);
  return `${p.d}/${p.m}/${p.y}`;
}

/** Today in Vietnam as 'YYYY-MM-DD'. */
export function vnToday(now = Date.now()): string {
  const p = parts(now);
  return `${p.y}-${p.m}-${p.d}`;
}

/** 'dd/MM/yyyy' typed at the counter → 'YYYY-MM-DD' (undefined when not a real date). */
export function parseDmy(text: string): string | undefined {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}
