/**
 * Checks the generated demo unit tree (seed-data/units-hanoi.json).
 *   node --import tsx --test packages/server/seed-data/units-hanoi.test.ts
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

interface Unit {
  key: string;
  code: string;
  name: string;
  shortName: string;
  type: string;
  parentKey: string | null;
  validFrom: string;
  validTo: string | null;
  predecessorKeys: string[];
  statisticalCode: string | null;
  legalBasis: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const raw = readFileSync(resolve(here, 'units-hanoi.json'), 'utf8');
const data = JSON.parse(raw) as { source: string; units: Unit[] };
const units = data.units;
const byKey = new Map(units.map((u) => [u.key, u]));

const CODE_RE = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TYPES = new Set([
  'PROVINCE',
  'DISTRICT',
  'WARD',
  'COMMUNE',
  'TOWNSHIP',
  'DEPARTMENT',
  'SERVICE_CENTRE',
  'SERVICE_POINT',
]);
const END = '9999-12-31';
const validOn = (u: Unit, day: string): boolean => u.validFrom <= day && day <= (u.validTo ?? END);
const dayBefore = (d: string): string => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
};
const isRealDate = (d: string): boolean =>
  DATE_RE.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

test('shape: exactly the agreed fields, known types, real dates, unique keys', () => {
  assert.deepEqual(Object.keys(data), ['source', 'units']);
  assert.ok(data.source.length > 0);
  const fields = [
    'key',
    'code',
    'name',
    'shortName',
    'type',
    'parentKey',
    'validFrom',
    'validTo',
    'predecessorKeys',
    'statisticalCode',
    'legalBasis',
  ];
  for (const u of units) {
    assert.deepEqual(Object.keys(u), fields, u.key);
    assert.ok(TYPES.has(u.type), `${u.key}: type ${u.type}`);
    assert.ok(isRealDate(u.validFrom), `${u.key}: validFrom ${u.validFrom}`);
    assert.ok(u.validTo === null || isRealDate(u.validTo), `${u.key}: validTo ${u.validTo}`);
    assert.ok(u.validTo === null || u.validTo >= u.validFrom, `${u.key}: ends before it starts`);
    assert.ok(u.name.trim() && u.shortName.trim() && u.legalBasis.trim(), `${u.key}: empty text`);
  }
  assert.equal(byKey.size, units.length, 'duplicate keys');
});

test("root is the Hanoi People's Committee", () => {
  const roots = units.filter((u) => u.parentKey === null);
  assert.equal(roots.length, 1);
  const root = roots[0] as Unit;
  assert.equal(root.key, 'H26');
  assert.equal(root.code, '000.00.00.H26');
  assert.equal(root.type, 'PROVINCE');
  assert.equal(root.validFrom, '2008-08-01');
  assert.equal(root.validTo, null);
  assert.equal(root.statisticalCode, '01');
});

test('codes match the identifier regex and are unique among units valid at the same time', () => {
  for (const u of units) assert.match(u.code, CODE_RE, u.key);
  for (const a of units) {
    for (const b of units) {
      if (a === b || a.code !== b.code) continue;
      const overlap = a.validFrom <= (b.validTo ?? END) && b.validFrom <= (a.validTo ?? END);
      assert.ok(!overlap, `${a.code} held by ${a.key} and ${b.key} at the same time`);
    }
  }
});

test('parents exist, come first and are valid over the whole period of the child', () => {
  const seen = new Set<string>();
  for (const u of units) {
    if (u.parentKey !== null) {
      const p = byKey.get(u.parentKey);
      assert.ok(p, `${u.key}: parent ${u.parentKey} missing`);
      assert.ok(seen.has(p.key), `${u.key}: listed before its parent`);
      assert.ok(p.validFrom <= u.validFrom, `${u.key}: starts before its parent`);
      assert.ok((u.validTo ?? END) <= (p.validTo ?? END), `${u.key}: outlives its parent`);
    }
    seen.add(u.key);
  }
});

test('parent types follow the organisation model', () => {
  const allowed: Record<string, string[]> = {
    DEPARTMENT: ['PROVINCE'],
    DISTRICT: ['PROVINCE'],
    SERVICE_CENTRE: ['PROVINCE'],
    SERVICE_POINT: ['SERVICE_CENTRE'],
    WARD: ['PROVINCE', 'DISTRICT'],
    COMMUNE: ['PROVINCE', 'DISTRICT'],
    TOWNSHIP: ['DISTRICT'],
  };
  for (const u of units) {
    if (u.type === 'PROVINCE') continue;
    const p = byKey.get(u.parentKey as string) as Unit;
    assert.ok(allowed[u.type]?.includes(p.type), `${u.key} (${u.type}) under ${p.type}`);
  }
});

test('predecessors exist, are listed before (the loader needs them first) and end the day before their successor starts', () => {
  const index = new Map(units.map((u, i) => [u.key, i]));
  for (const u of units) {
    for (const k of u.predecessorKeys)
      assert.ok((index.get(k) ?? Infinity) < (index.get(u.key) as number), `${u.key}: ${k} listed after it`);
    assert.equal(new Set(u.predecessorKeys).size, u.predecessorKeys.length, `${u.key}: repeated predecessor`);
    for (const k of u.predecessorKeys) {
      const p = byKey.get(k);
      assert.ok(p, `${u.key}: unknown predecessor ${k}`);
      assert.equal(p.validTo, dayBefore(u.validFrom), `${u.key}: predecessor ${k}`);
    }
  }
});

test('126 communes/wards valid on 2025-07-01, all directly under the city, with 5-digit statistical codes', () => {
  const current = units.filter((u) => (u.type === 'WARD' || u.type === 'COMMUNE') && validOn(u, '2025-07-01'));
  assert.equal(current.length, 126);
  assert.equal(current.filter((u) => u.type === 'WARD').length, 51);
  assert.equal(current.filter((u) => u.type === 'COMMUNE').length, 75);
  for (const u of current) {
    assert.equal(u.parentKey, 'H26', u.key);
    assert.equal(u.name, `${u.type === 'WARD' ? 'Phường' : 'Xã'} ${u.shortName}`, u.key);
    assert.equal(u.validFrom, '2025-07-01', u.key);
    assert.match(u.statisticalCode ?? '', /^\d{5}$/, u.key);
  }
  assert.equal(new Set(current.map((u) => u.statisticalCode)).size, 126);
  assert.equal(
    units.filter((u) => (u.type === 'DISTRICT' || u.type === 'TOWNSHIP') && validOn(u, '2025-07-01')).length,
    0,
  );
});

test('the three former districts and their communes are valid on 2024-06-30 and not on 2025-07-01', () => {
  const expected: Record<string, [string, number, number]> = {
    // shortName: [key, units on 2024-06-30, units on 2025-06-30]
    'Mê Linh': ['H26-ML', 18, 17],
    'Gia Lâm': ['H26-GL', 22, 17],
    'Chương Mỹ': ['H26-CM', 32, 30],
  };
  const districts = units.filter((u) => u.type === 'DISTRICT');
  assert.deepEqual(districts.map((d) => d.shortName).sort(), Object.keys(expected).sort());
  for (const d of districts) {
    const [key, n2024, n2025] = expected[d.shortName] as [string, number, number];
    assert.equal(d.key, key);
    assert.ok(validOn(d, '2024-06-30') && !validOn(d, '2025-07-01'), d.key);
    assert.equal(d.validTo, '2025-06-30');
    const children = units.filter((u) => u.parentKey === d.key);
    assert.ok(children.every((c) => c.type === 'COMMUNE' || c.type === 'TOWNSHIP'));
    assert.ok(
      children.every((c) => !validOn(c, '2025-07-01')),
      `${d.key}: a commune survives 30/6/2025`,
    );
    assert.equal(children.filter((c) => validOn(c, '2024-06-30')).length, n2024, `${d.key} on 2024-06-30`);
    assert.equal(children.filter((c) => validOn(c, '2025-06-30')).length, n2025, `${d.key} on 2025-06-30`);
  }
  const ml = units
    .filter((u) => u.parentKey === 'H26-ML' && u.type === 'TOWNSHIP')
    .map((u) => u.shortName)
    .sort();
  assert.deepEqual(ml, ['Chi Đông', 'Quang Minh']);
});

test('every former commune of the three districts has a successor; the new communes list them', () => {
  const successors = new Map<string, string[]>();
  for (const u of units) for (const k of u.predecessorKeys) successors.set(k, [...(successors.get(k) ?? []), u.key]);
  const formers = units.filter((u) => u.parentKey !== null && byKey.get(u.parentKey)?.type === 'DISTRICT');
  for (const f of formers) {
    const s = successors.get(f.key) ?? [];
    assert.ok(s.length > 0, `${f.key} has no successor`);
    if (f.validTo === '2025-06-30') {
      for (const k of s) assert.equal(byKey.get(k)?.validFrom, '2025-07-01', `${f.key} -> ${k}`);
    }
  }
  // spot checks from the Resolution 1656 texts, incl. homonyms qualified by district
  const preds = (k: string): string[] => byKey.get(k)?.predecessorKeys ?? [];
  assert.ok(preds('H26-XA-QUANG-MINH').includes('H26-ML-TT-CHI-DONG'));
  assert.ok(preds('H26-XA-QUANG-MINH').includes('H26-ML-TT-QUANG-MINH'));
  assert.ok(preds('H26-XA-THIEN-LOC').includes('H26-ML-XA-TIEN-PHONG'));
  assert.ok(
    !preds('H26-XA-THUONG-TIN').includes('H26-ML-XA-TIEN-PHONG'),
    'xã Tiền Phong of Thường Tín is another unit',
  );
  assert.ok(preds('H26-XA-GIA-LAM').includes('H26-GL-XA-PHU-SON-2025'));
  assert.ok(!preds('H26-XA-VAT-LAI').includes('H26-GL-XA-PHU-SON-2025'), 'xã Phú Sơn of Ba Vì is another unit');
  assert.ok(preds('H26-XA-HOA-PHU').includes('H26-CM-XA-HOA-PHU-2025'));
  assert.ok(!preds('H26-XA-HOA-XA').includes('H26-CM-XA-HOA-PHU-2025'), 'xã Hòa Phú of Ứng Hòa is another unit');
  assert.ok(
    !preds('H26-PHUONG-THUONG-CAT').includes('H26-ML-XA-LIEN-MAC'),
    'phường Liên Mạc (Bắc Từ Liêm) is another unit',
  );
  assert.ok(preds('H26-XA-YEN-LANG').includes('H26-ML-XA-LIEN-MAC'));
});

test('service centre and its points', () => {
  const centres = units.filter((u) => u.type === 'SERVICE_CENTRE');
  assert.equal(centres.length, 1);
  const points = units.filter((u) => u.type === 'SERVICE_POINT');
  assert.ok(points.length >= 3);
  for (const p of points) assert.equal(p.parentKey, centres[0]?.key);
});

test('departments include the Department of Home Affairs and the 2025 mergers', () => {
  const depts = units.filter((u) => u.type === 'DEPARTMENT');
  assert.ok(depts.some((d) => d.shortName === 'Sở Nội vụ' && validOn(d, '2024-06-30') && validOn(d, '2025-07-01')));
  const nnmt = depts.find((d) => d.shortName === 'Sở Nông nghiệp và Môi trường');
  assert.ok(nnmt);
  assert.equal(nnmt.validFrom, '2025-03-01');
  assert.equal(nnmt.predecessorKeys.length, 2);
});

test('all strings are NFC-normalised', () => {
  assert.equal(raw, raw.normalize('NFC'));
  const walk = (v: unknown): void => {
    if (typeof v === 'string') assert.equal(v, v.normalize('NFC'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(data);
});
