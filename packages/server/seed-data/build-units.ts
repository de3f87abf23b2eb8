/**
 * Maintainer tool: builds seed-data/units-hanoi.json, the demo administrative-unit tree of Hanoi (H26).
 *
 *   node --import tsx packages/server/seed-data/build-units.ts [--check]
 *
 * Inputs:
 *   - ../shared/data/hanoi-units.json (outside the product: the 126 communes/wards of 1/7/2025 with the
 *     Resolution 1656/NQ-UBTVQH15 clause texts). Override the path with HANOI_UNITS_JSON.
 *   - seed-data/former-districts.json (hand-curated: three former districts and their communes).
 *   - the city departments, the service centre and the code scheme below (curated in this file).
 * The product itself only reads the generated units-hanoi.json.
 *
 * Predecessor links of the 1/7/2025 communes are derived by parsing the clause texts (type-aware, with the
 * "(huyện X)" disambiguations) and cross-checked against the hand-read `expectedSuccessors` of the curated file;
 * any difference, any former commune without a successor, or any invalid code aborts the build.
 * `--check` rebuilds in memory and fails if the file on disk differs (for CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

export type UnitType =
  'PROVINCE' | 'DISTRICT' | 'WARD' | 'COMMUNE' | 'TOWNSHIP' | 'DEPARTMENT' | 'SERVICE_CENTRE' | 'SERVICE_POINT';

export interface Unit {
  key: string;
  code: string;
  name: string;
  shortName: string;
  type: UnitType;
  parentKey: string | null;
  validFrom: string;
  validTo: string | null;
  predecessorKeys: string[];
  statisticalCode: string | null;
  legalBasis: string;
}

interface SourceUnit {
  stt: number;
  code: string;
  name: string;
  type: 'phuong' | 'xa';
  name_short: string;
  nq1656_khoan: number[];
  nq1656_text: string;
}

interface CuratedCommune {
  key: string;
  type: 'COMMUNE' | 'TOWNSHIP';
  name: string;
  statisticalCode: string;
  validFrom?: string;
  validTo?: string;
  formedFrom?: string[];
  continues?: string;
  expectedSuccessors?: string[];
}

interface CuratedDistrict {
  key: string;
  districtType: string;
  name: string;
  statisticalCode: string;
  codeGroup: string;
  validFrom: string;
  validTo: string;
  legalBasis: string;
  communes: CuratedCommune[];
}

interface Curated {
  districts: CuratedDistrict[];
  resolution1285: string;
}

export const CODE_RE = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$/;

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE_PATH = process.env.HANOI_UNITS_JSON ?? resolve(here, '../../../../shared/data/hanoi-units.json');
const CURATED_PATH = resolve(here, 'former-districts.json');
const OUTPUT_PATH = resolve(here, 'units-hanoi.json');

const ROOT = 'H26';
const CITY_START = '2008-08-01';
const NEW_REGIME = '2025-07-01';
const DEPT_MERGE_START = '2025-03-01';
const DEPT_MERGE_END = '2025-02-28';
const MERGE_2025_END = '2024-12-31';

const NQ15_2008 =
  'Nghị quyết số 15/2008/QH12 ngày 29/5/2008 của Quốc hội về việc điều chỉnh địa giới hành chính thành phố Hà Nội và một số tỉnh có liên quan (có hiệu lực từ 01/8/2008)';
const NQ1656 =
  'Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về việc sắp xếp các đơn vị hành chính cấp xã của thành phố Hà Nội năm 2025 (có hiệu lực từ 01/7/2025)';
const DEPT_2025 =
  'Nghị định số 45/2025/NĐ-CP ngày 28/02/2025 quy định tổ chức các cơ quan chuyên môn thuộc UBND cấp tỉnh; Nghị quyết của HĐND thành phố Hà Nội (tháng 02/2025) thành lập, tổ chức lại các sở, hoạt động từ 01/3/2025 (số hiệu nghị quyết HĐND chưa được xác minh trong dữ liệu này)';

// ---------------------------------------------------------------------------------------------------------------
// Code scheme (demo; the official codes of QĐ 2918/QĐ-UBND 2022 and the 2025 commune codes are not available).
//   000.00.00.H26  city People's Committee
//   000.00.BB.H26  BB 01–29 city departments and equivalents; BB 30 the public-administration service centre
//   000.CC.30.H26  service point of the centre; CC = the BB group of the commune/ward it serves
//   000.00.BB.H26  BB 40–69 former district-level units (40 Gia Lâm, 41 Mê Linh, 42 Chương Mỹ)
//   000.CC.BB.H26  commune-level units of a former district BB; CC 01.. in GSO-code order of the units of 2024,
//                  then units created on 1/1/2025 under a new name; a unit that continues under the same name
//                  after absorbing a neighbour keeps its code
//   000.00.BB.H26  the 126 communes/wards of 1/7/2025: BB = letter + digit, A0, A1 … M5 in the official order (STT)
// A code is never given to two different units; a code is only reused by a later version of the same body.
// ---------------------------------------------------------------------------------------------------------------

const pad2 = (n: number): string => String(n).padStart(2, '0');
const code = (lll: string, cc: string, bb: string): string => `${lll}.${cc}.${bb}.${ROOT}`;
const CENTRE_GROUP = '30';
const communeGroup = (stt: number): string => {
  const i = stt - 1;
  const letter = String.fromCharCode('A'.charCodeAt(0) + Math.floor(i / 10));
  if (letter > 'Z') throw new Error(`STT ${stt} out of the letter+digit range`);
  return `${letter}${i % 10}`;
};

const nfc = (s: string): string => s.normalize('NFC');
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** ASCII slug for keys: "Văn Miếu - Quốc Tử Giám" -> "VAN-MIEU-QUOC-TU-GIAM". */
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Matching key for names: NFC, lower case, and the old/new tone-mark placement unified ("Hoà" = "Hòa",
 * "Thuỵ" = "Thụy"), so that the clause texts (which mix both styles) match the curated names.
 */
export function nameKey(s: string): string {
  const t = s
    .normalize('NFD')
    .toLowerCase()
    // a tone mark on the second vowel of a final "oa", "oe", "uy" moves to the first vowel ("hoà" -> "hòa")
    .replace(/([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}\p{M}])/gu, '$1$3$2');
  return t.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing the Resolution 1656 clause texts
// ---------------------------------------------------------------------------------------------------------------

export type MentionType = 'WARD' | 'COMMUNE' | 'TOWNSHIP';
export interface Mention {
  type: MentionType;
  name: string;
  qualifier: string | null; // e.g. "huyện Mê Linh"
}

const TYPE_WORD: Record<string, MentionType> = { phường: 'WARD', xã: 'COMMUNE', 'thị trấn': 'TOWNSHIP' };
const SYL = String.raw`(?:\p{Lu}[\p{L}\p{M}]*|\d+)`;
const NAME = String.raw`${SYL}(?:(?: | - )${SYL})*`;
const QUAL = String.raw`\s*\(((?:huyện|quận|thị xã|thành phố) [^)]+)\)`;
const GROUP_RE = new RegExp(String.raw`(các )?(thị trấn|phường|xã) (?=\p{Lu})`, 'gu');
const NAME_AT = new RegExp(String.raw`^(${NAME})(?:${QUAL})?`, 'u');

/** Keeps only the clause describing `newName` (hanoi-units.json glues clause 41 to clause 40, see README). */
export function ownClause(text: string, typeWord: string, shortName: string): { text: string; khoan: number | null } {
  const parts = text.split(/\s+(?=\d+\.\s+Sắp xếp)/u);
  const ending = nameKey(`có tên gọi là ${typeWord} ${shortName}`);
  for (const p of parts) {
    const m = /^(\d+)\.\s+/u.exec(p);
    const body = p.replace(/^\d+\.\s+/u, '');
    if (nameKey(body).replace(/\.$/, '').endsWith(ending)) return { text: body, khoan: m ? Number(m[1]) : null };
  }
  throw new Error(`clause for ${typeWord} ${shortName} not found`);
}

/** Lists the former units named in a clause, in order, with their type and any "(huyện X)" qualifier. */
export function parseMentions(clause: string): Mention[] {
  const cut = clause.search(/ thành (?:xã|phường) mới /u);
  const text = cut >= 0 ? clause.slice(0, cut) : clause;
  const out: Mention[] = [];
  let prevGroup: { mentions: Mention[]; plural: boolean; end: number } | null = null;
  for (const g of text.matchAll(GROUP_RE)) {
    const plural = Boolean(g[1]);
    const type = TYPE_WORD[g[2] as string] as MentionType;
    let pos = (g.index ?? 0) + g[0].length;
    const groupStart = g.index ?? 0;
    const mentions: Mention[] = [];
    for (;;) {
      const m = NAME_AT.exec(text.slice(pos));
      if (!m) break;
      mentions.push({ type, name: m[1] as string, qualifier: m[2] ?? null });
      pos += m[0].length;
      const sep = /^(?:, | và )(?=\p{Lu})/u.exec(text.slice(pos));
      if (!sep || !plural) break;
      pos += sep[0].length;
    }
    // "xã A và xã B (huyện Z)": the qualifier covers both singular mentions
    const first = mentions[0];
    if (
      prevGroup &&
      !plural &&
      !prevGroup.plural &&
      mentions.length === 1 &&
      first?.qualifier &&
      prevGroup.mentions.length === 1 &&
      prevGroup.mentions[0]?.type === type &&
      prevGroup.mentions[0].qualifier === null &&
      text.slice(prevGroup.end, groupStart) === ' và '
    ) {
      prevGroup.mentions[0].qualifier = first.qualifier;
    }
    out.push(...mentions);
    prevGroup = { mentions, plural, end: pos };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Curated city-level units
// ---------------------------------------------------------------------------------------------------------------

interface Dept {
  key: string;
  bb: string;
  name: string;
  shortName: string;
  validFrom: string;
  validTo: string | null;
  predecessorKeys: string[];
  legalBasis: string;
}

const SINCE_2008 = `Cơ quan chuyên môn thuộc UBND thành phố; trong dữ liệu này bắt đầu từ 01/8/2008 (${NQ15_2008}), ngày thành lập thực tế sớm hơn và không được mô hình hóa`;
const ENDED_2025 = `${SINCE_2008}; kết thúc 28/02/2025, hợp nhất theo ${DEPT_2025}`;

const DEPARTMENTS: Dept[] = [
  {
    key: 'H26-VP-UBND',
    bb: '01',
    name: 'Văn phòng Ủy ban nhân dân thành phố Hà Nội',
    shortName: 'Văn phòng UBND Thành phố',
    validFrom: CITY_START,
    validTo: null,
    predecessorKeys: [],
    legalBasis: SINCE_2008,
  },
  {
    key: 'H26-SO-NOI-VU',
    bb: '02',
    name: 'Sở Nội vụ thành phố Hà Nội',
    shortName: 'Sở Nội vụ',
    validFrom: CITY_START,
    validTo: null,
    predecessorKeys: [],
    legalBasis: `${SINCE_2008}; từ 01/3/2025 tiếp nhận chức năng, nhiệm vụ của Sở Lao động - Thương binh và Xã hội (cùng Sở Y tế, Sở Giáo dục và Đào tạo) theo ${DEPT_2025}; Sở Lao động - Thương binh và Xã hội không được mô hình hóa`,
  },
  {
    key: 'H26-SO-TU-PHAP',
    bb: '03',
    name: 'Sở Tư pháp thành phố Hà Nội',
    shortName: 'Sở Tư pháp',
    validFrom: CITY_START,
    validTo: null,
    predecessorKeys: [],
    legalBasis: SINCE_2008,
  },
  {
    key: 'H26-SO-TAI-CHINH-2008',
    bb: '04',
    name: 'Sở Tài chính thành phố Hà Nội',
    shortName: 'Sở Tài chính',
    validFrom: CITY_START,
    validTo: DEPT_MERGE_END,
    predecessorKeys: [],
    legalBasis: ENDED_2025,
  },
  {
    key: 'H26-SO-KE-HOACH-DAU-TU',
    bb: '05',
    name: 'Sở Kế hoạch và Đầu tư thành phố Hà Nội',
    shortName: 'Sở Kế hoạch và Đầu tư',
    validFrom: CITY_START,
    validTo: DEPT_MERGE_END,
    predecessorKeys: [],
    legalBasis: ENDED_2025,
  },
  {
    key: 'H26-SO-XAY-DUNG-2008',
    bb: '06',
    name: 'Sở Xây dựng thành phố Hà Nội',
    shortName: 'Sở Xây dựng',
    validFrom: CITY_START,
    validTo: DEPT_MERGE_END,
    predecessorKeys: [],
    legalBasis: ENDED_2025,
  },
  {
    key: 'H26-SO-GIAO-THONG-VAN-TAI',
    bb: '07',
    name: 'Sở Giao thông vận tải thành phố Hà Nội',
    shortName: 'Sở Giao thông vận tải',
    validFrom: CITY_START,
    validTo: DEPT_MERGE_END,
    predecessorKeys: [],
    legalBasis: ENDED_2025,
  },
  {
    key: 'H26-SO-NONG-NGHIEP-PTNT',
    bb: '08',
    name: 'Sở Nông nghiệp và Phát triển nông thôn thành phố Hà Nội',
    shortName: 'Sở Nông nghiệp và PTNT',
    validFrom: CITY_START,
    validTo: DEPT_MERGE_END,
    predecessorKeys: [],
    legalBasis: ENDED_2025,
  },
  {
    key: 'H26-SO-TAI-NGUYEN-MOI-TRUONG',
    bb: '09',
    name: 'Sở Tài nguyên và Môi trường thành phố Hà Nội',
    shortName: 'Sở Tài nguyên và Môi trường',
    validFrom: CITY_START,
    validTo: DEPT_MERGE_END,
    predecessorKeys: [],
    legalBasis: ENDED_2025,
  },
  {
    key: 'H26-SO-TAI-CHINH-2025',
    bb: '21',
    name: 'Sở Tài chính thành phố Hà Nội',
    shortName: 'Sở Tài chính',
    validFrom: DEPT_MERGE_START,
    validTo: null,
    predecessorKeys: ['H26-SO-TAI-CHINH-2008', 'H26-SO-KE-HOACH-DAU-TU'],
    legalBasis: `Thành lập trên cơ sở hợp nhất Sở Tài chính và Sở Kế hoạch và Đầu tư; ${DEPT_2025}`,
  },
  {
    key: 'H26-SO-XAY-DUNG-2025',
    bb: '22',
    name: 'Sở Xây dựng thành phố Hà Nội',
    shortName: 'Sở Xây dựng',
    validFrom: DEPT_MERGE_START,
    validTo: null,
    predecessorKeys: ['H26-SO-XAY-DUNG-2008', 'H26-SO-GIAO-THONG-VAN-TAI'],
    legalBasis: `Thành lập trên cơ sở hợp nhất Sở Xây dựng và Sở Giao thông vận tải; ${DEPT_2025}`,
  },
  {
    key: 'H26-SO-NONG-NGHIEP-MOI-TRUONG',
    bb: '23',
    name: 'Sở Nông nghiệp và Môi trường thành phố Hà Nội',
    shortName: 'Sở Nông nghiệp và Môi trường',
    validFrom: DEPT_MERGE_START,
    validTo: null,
    predecessorKeys: ['H26-SO-NONG-NGHIEP-PTNT', 'H26-SO-TAI-NGUYEN-MOI-TRUONG'],
    legalBasis: `Thành lập trên cơ sở hợp nhất Sở Nông nghiệp và Phát triển nông thôn và Sở Tài nguyên và Môi trường; ${DEPT_2025}`,
  },
];

const CENTRE = {
  key: 'H26-TTPVHCC',
  name: 'Trung tâm Phục vụ hành chính công thành phố Hà Nội',
  shortName: 'Trung tâm Phục vụ hành chính công Hà Nội',
  validFrom: NEW_REGIME,
  legalBasis:
    'Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 (Điều 1, Điều 14); mô hình một Trung tâm của Thành phố với các Điểm phục vụ hành chính công tại xã, phường (likely). Ngày thành lập chính thức của Trung tâm chưa được xác minh: dữ liệu demo lấy 01/7/2025',
};

// ---------------------------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------------------------

export interface BuildResult {
  output: { source: string; units: Unit[] };
  report: string[];
}

const TYPE_PREFIX: Record<'COMMUNE' | 'TOWNSHIP' | 'WARD', string> = {
  COMMUNE: 'xã',
  TOWNSHIP: 'thị trấn',
  WARD: 'phường',
};
const prevDay = (d: string): string => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
};

export function build(sourceJson: string, curatedJson: string): BuildResult {
  const source = JSON.parse(sourceJson) as { units: SourceUnit[] };
  const curated = JSON.parse(curatedJson) as Curated;
  const report: string[] = [];
  const units: Unit[] = [];

  units.push({
    key: ROOT,
    code: code('000', '00', '00'),
    name: 'Ủy ban nhân dân thành phố Hà Nội',
    shortName: 'Hà Nội',
    type: 'PROVINCE',
    parentKey: null,
    validFrom: CITY_START,
    validTo: null,
    predecessorKeys: [],
    statisticalCode: '01',
    legalBasis: NQ15_2008,
  });

  for (const d of DEPARTMENTS) {
    units.push({
      key: d.key,
      code: code('000', '00', d.bb),
      name: d.name,
      shortName: d.shortName,
      type: 'DEPARTMENT',
      parentKey: ROOT,
      validFrom: d.validFrom,
      validTo: d.validTo,
      predecessorKeys: d.predecessorKeys,
      statisticalCode: null,
      legalBasis: d.legalBasis,
    });
  }

  // --- former districts and their communes -------------------------------------------------------------------
  interface Former {
    unit: Unit;
    curated: CuratedCommune;
    district: CuratedDistrict;
  }
  const formers: Former[] = [];
  for (const d of curated.districts) {
    units.push({
      key: d.key,
      code: code('000', '00', d.codeGroup),
      name: `${cap(d.districtType)} ${d.name}`,
      shortName: d.name,
      type: 'DISTRICT',
      parentKey: ROOT,
      validFrom: d.validFrom,
      validTo: d.validTo,
      predecessorKeys: [],
      statisticalCode: d.statisticalCode,
      legalBasis: d.legalBasis,
    });
    const byKey = new Map(d.communes.map((c) => [c.key, c]));
    const codeOf = new Map<string, string>();
    const olds = d.communes
      .filter((c) => !c.validFrom)
      .sort((a, b) => a.statisticalCode.localeCompare(b.statisticalCode));
    olds.forEach((c, i) => codeOf.set(c.key, code('000', pad2(i + 1), d.codeGroup)));
    let next = olds.length + 1;
    for (const c of d.communes.filter((x) => x.validFrom)) {
      if (c.continues) {
        const inherited = codeOf.get(c.continues);
        if (!inherited) throw new Error(`${c.key}: continues unknown ${c.continues}`);
        if (byKey.get(c.continues)?.name !== c.name) throw new Error(`${c.key}: continues a unit of another name`);
        codeOf.set(c.key, inherited);
      } else {
        codeOf.set(c.key, code('000', pad2(next++), d.codeGroup));
      }
    }
    for (const c of d.communes) {
      const validFrom = c.validFrom ?? d.validFrom;
      const validTo = c.validTo ?? d.validTo;
      const typeWord = TYPE_PREFIX[c.type];
      let legalBasis: string;
      if (c.formedFrom) {
        const names = c.formedFrom.map((k) => {
          const p = byKey.get(k);
          if (!p) throw new Error(`${c.key}: formedFrom unknown ${k}`);
          return `${TYPE_PREFIX[p.type]} ${p.name}`;
        });
        legalBasis = `${curated.resolution1285}: ${c.continues ? 'nhập' : 'thành lập từ'} ${names.join(' và ')} (ghép cặp: likely, xem seed-data/README.md); kết thúc 30/6/2025 theo ${NQ1656}`;
      } else if (validTo === MERGE_2025_END) {
        legalBasis = `Kết thúc 31/12/2024, sắp xếp theo ${curated.resolution1285}`;
      } else {
        legalBasis = `Đơn vị hành chính cấp xã của ${d.districtType} ${d.name}; kết thúc 30/6/2025, sắp xếp theo ${NQ1656}`;
      }
      const unit: Unit = {
        key: c.key,
        code: codeOf.get(c.key) as string,
        name: `${cap(typeWord)} ${c.name}`,
        shortName: c.name,
        type: c.type,
        parentKey: d.key,
        validFrom,
        validTo,
        predecessorKeys: c.formedFrom ?? [],
        statisticalCode: c.statisticalCode,
        legalBasis,
      };
      units.push(unit);
      formers.push({ unit, curated: c, district: d });
    }
  }

  // --- the 126 communes/wards of 1/7/2025, predecessors from the clause texts -------------------------------
  const lastDay = prevDay(NEW_REGIME);
  const candidates = formers.filter((f) => f.unit.validTo === lastDay);
  const districtNames = new Set(curated.districts.map((d) => nameKey(`${d.districtType} ${d.name}`)));
  const ambiguous = new Set<string>(); // names qualified somewhere in the texts
  const parsed = source.units.map((s) => {
    const typeWord = s.type === 'phuong' ? 'phường' : 'xã';
    const clause = ownClause(s.nq1656_text, typeWord, s.name_short);
    if (clause.text.length < s.nq1656_text.trim().length) {
      report.push(
        `source flaw: ${s.name} (${s.code}): nq1656_text holds more than one clause of the Resolution; used only the clause that forms ${s.name}` +
          (clause.khoan !== null && !s.nq1656_khoan.includes(clause.khoan)
            ? `, which is clause ${clause.khoan}, not nq1656_khoan ${JSON.stringify(s.nq1656_khoan)}`
            : ''),
      );
    }
    const mentions = parseMentions(clause.text);
    for (const m of mentions) if (m.qualifier) ambiguous.add(`${m.type}|${nameKey(m.name)}`);
    return { s, typeWord, khoan: clause.khoan ?? s.nq1656_khoan[0], mentions };
  });

  const successorsOf = new Map<string, string[]>(); // former key -> new unit names
  const newUnits: Unit[] = [];
  for (const { s, khoan, mentions } of parsed) {
    const preds: string[] = [];
    for (const m of mentions) {
      const matches = candidates.filter((f) => {
        if (f.unit.type !== m.type || nameKey(f.curated.name) !== nameKey(m.name)) return false;
        if (m.qualifier) return nameKey(m.qualifier) === nameKey(`${f.district.districtType} ${f.district.name}`);
        return !ambiguous.has(`${m.type}|${nameKey(m.name)}`);
      });
      if (
        !m.qualifier &&
        ambiguous.has(`${m.type}|${nameKey(m.name)}`) &&
        candidates.some((f) => f.unit.type === m.type && nameKey(f.curated.name) === nameKey(m.name))
      ) {
        report.push(
          `unresolved: ${s.name} names "${TYPE_PREFIX[m.type]} ${m.name}" without a district although the name is ambiguous; not linked`,
        );
      }
      if (m.qualifier && districtNames.has(nameKey(m.qualifier)) && matches.length === 0) {
        throw new Error(`${s.name}: "${TYPE_PREFIX[m.type]} ${m.name} (${m.qualifier})" matches no curated unit`);
      }
      if (matches.length > 1) throw new Error(`${s.name}: "${m.name}" matches several curated units`);
      const f = matches[0];
      if (f && !preds.includes(f.unit.key)) {
        preds.push(f.unit.key);
        successorsOf.set(f.unit.key, [...(successorsOf.get(f.unit.key) ?? []), s.name]);
      }
    }
    newUnits.push({
      key: `${ROOT}-${s.type === 'phuong' ? 'PHUONG' : 'XA'}-${slug(s.name_short)}`,
      code: code('000', '00', communeGroup(s.stt)),
      name: s.name,
      shortName: s.name_short,
      type: s.type === 'phuong' ? 'WARD' : 'COMMUNE',
      parentKey: ROOT,
      validFrom: NEW_REGIME,
      validTo: null,
      predecessorKeys: preds,
      statisticalCode: s.code,
      legalBasis: `${NQ1656}, Điều 1 khoản ${khoan}`,
    });
  }

  // cross-check against the hand-read successors; every former unit must be placed
  for (const f of candidates) {
    const got = successorsOf.get(f.unit.key) ?? [];
    const want = f.curated.expectedSuccessors ?? [];
    const same = got.length === want.length && want.every((w) => got.map(nameKey).includes(nameKey(w)));
    if (!same)
      throw new Error(
        `${f.unit.key}: parsed successors ${JSON.stringify(got)} differ from expected ${JSON.stringify(want)}`,
      );
    if (got.length === 0) throw new Error(`${f.unit.key}: no successor among the 126 communes/wards`);
  }
  for (const f of formers) {
    if (f.unit.validTo === MERGE_2025_END && !formers.some((g) => g.unit.predecessorKeys.includes(f.unit.key))) {
      throw new Error(`${f.unit.key} ends 2024-12-31 without a successor`);
    }
  }
  units.push(...newUnits);

  // --- service centre and points (one per new commune formed from the three districts) ---------------------
  units.push({
    key: CENTRE.key,
    code: code('000', '00', CENTRE_GROUP),
    name: CENTRE.name,
    shortName: CENTRE.shortName,
    type: 'SERVICE_CENTRE',
    parentKey: ROOT,
    validFrom: CENTRE.validFrom,
    validTo: null,
    predecessorKeys: [],
    statisticalCode: null,
    legalBasis: CENTRE.legalBasis,
  });
  for (const n of newUnits) {
    if (n.predecessorKeys.length === 0) continue;
    const typeWord = n.type === 'WARD' ? 'phường' : 'xã';
    units.push({
      key: `${CENTRE.key}-${n.key.slice(ROOT.length + 1)}`,
      code: code('000', n.code.split('.')[2] as string, CENTRE_GROUP),
      name: `Điểm phục vụ hành chính công ${typeWord} ${n.shortName}`,
      shortName: `Điểm PVHCC ${typeWord} ${n.shortName}`,
      type: 'SERVICE_POINT',
      parentKey: CENTRE.key,
      validFrom: NEW_REGIME,
      validTo: null,
      predecessorKeys: [],
      statisticalCode: null,
      legalBasis: `Demo: điểm phục vụ của ${CENTRE.name} đặt tại ${typeWord} ${n.shortName} (Nghị định 118/2025/NĐ-CP; tên gọi và số hiệu thực tế chưa được xác minh)`,
    });
  }

  const normalised = units.map((u) => JSON.parse(nfc(JSON.stringify(u))) as Unit);
  validate(normalised);
  const counts = new Map<string, number>();
  for (const u of normalised) counts.set(u.type, (counts.get(u.type) ?? 0) + 1);
  report.unshift(`units: ${normalised.length} (${[...counts].map(([t, n]) => `${t} ${n}`).join(', ')})`);
  return {
    output: {
      source: nfc(
        'motcua demo administrative units of Hanoi (H26). Official: the 126 communes/wards of 1/7/2025, names and 5-digit statistical codes (Công văn 1027/CTK-CSCL, 25/6/2025) and their formation (Nghị quyết 1656/NQ-UBTVQH15, 16/6/2025), via github.com/dvhcvn/20250701 (MIT). Curated for the demo: former districts Mê Linh, Gia Lâm, Chương Mỹ and their communes (seed-data/former-districts.json), city departments and service centre. All identifier codes (LLL.CC.BB.H26) are demo codes, not the official codes of QĐ 2918/QĐ-UBND (2022) or of the 2025 communes. Generated by seed-data/build-units.ts; see seed-data/README.md.',
      ),
      units: normalised,
    },
    report,
  };
}

/** Structural checks shared with the test; throws on the first problem. */
export function validate(units: Unit[]): void {
  const byKey = new Map<string, Unit>();
  for (const u of units) {
    if (byKey.has(u.key)) throw new Error(`duplicate key ${u.key}`);
    byKey.set(u.key, u);
    if (!CODE_RE.test(u.code)) throw new Error(`${u.key}: invalid code ${u.code}`);
    if (u.validTo !== null && u.validTo < u.validFrom) throw new Error(`${u.key}: validTo before validFrom`);
  }
  const seen = new Set<string>();
  for (const u of units) {
    if (u.parentKey !== null) {
      const p = byKey.get(u.parentKey);
      if (!p || !seen.has(p.key)) throw new Error(`${u.key}: parent ${u.parentKey} missing or listed after the child`);
      if (p.validFrom > u.validFrom || (p.validTo !== null && (u.validTo === null || u.validTo > p.validTo))) {
        throw new Error(`${u.key}: not within the validity of its parent ${p.key}`);
      }
    }
    for (const k of u.predecessorKeys) {
      const p = byKey.get(k);
      if (!p || !seen.has(k)) throw new Error(`${u.key}: predecessor ${k} missing or listed after its successor`);
      if (p.validTo !== prevDay(u.validFrom)) throw new Error(`${u.key}: predecessor ${k} does not end the day before`);
    }
    seen.add(u.key);
  }
  for (const a of units) {
    for (const b of units) {
      if (a === b || a.code !== b.code) continue;
      const overlap = a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
      if (overlap) throw new Error(`code ${a.code} used by ${a.key} and ${b.key} at the same time`);
    }
  }
}

export function serialise(output: BuildResult['output']): string {
  const lines = output.units.map((u) => `  ${JSON.stringify(u)}`);
  return `{ "source": ${JSON.stringify(output.source)},\n"units": [\n${lines.join(',\n')}\n]}\n`;
}

function main(): void {
  const { output, report } = build(readFileSync(SOURCE_PATH, 'utf8'), readFileSync(CURATED_PATH, 'utf8'));
  const text = serialise(output);
  for (const line of report) console.log(line);
  if (process.argv.includes('--check')) {
    const current: unknown = JSON.parse(readFileSync(OUTPUT_PATH, 'utf8'));
    if (!isDeepStrictEqual(current, JSON.parse(text))) {
      console.error(`${OUTPUT_PATH} is out of date; run build-units.ts`);
      process.exit(1);
    }
    console.log('up to date');
    return;
  }
  writeFileSync(OUTPUT_PATH, text, 'utf8');
  console.log(`wrote ${OUTPUT_PATH}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
