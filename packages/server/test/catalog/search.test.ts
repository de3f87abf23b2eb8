import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function search(qs: string) {
  const res = await t.anonymous.get(`/api/v1/procedures?${qs}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    items: { code: string; name: string; field: string; levels: string[]; onlineLevel: string | null }[];
    nextCursor: string | null;
  };
}

describe('public procedure search', () => {
  test('"dang ky khai sinh" ranks 1.001193 Đăng ký khai sinh first, without login', async () => {
    const page = await search('q=dang%20ky%20khai%20sinh');
    assert.equal(page.items[0]?.code, '1.001193', JSON.stringify(page.items.slice(0, 3)));
    assert.ok(
      page.items.slice(1, 10).every((i) => /khai sinh/i.test(i.name)),
      'then other birth-registration procedures',
    );
  });

  test('a typo still finds it ("dang ky khai snh")', async () => {
    const page = await search('q=dang%20ky%20khai%20snh');
    assert.ok(
      page.items.slice(0, 5).some((i) => i.code === '1.001193'),
      JSON.stringify(page.items.slice(0, 5)),
    );
  });

  test('đ/Đ and accents are ignored both ways', async () => {
    const a = await search(`q=${encodeURIComponent('ĐĂNG KÝ KHAI SINH')}`);
    assert.equal(a.items[0]?.code, '1.001193');
    const b = await search('q=dat%20dai');
    assert.ok(b.items.length > 0 && b.items.some((i) => i.field === 'Đất đai'), JSON.stringify(b.items.slice(0, 3)));
  });

  test('by code, by field, level and online level (null = unknown, never guessed)', async () => {
    const byCode = await search('q=1.001193');
    assert.equal(byCode.items[0]?.code, '1.001193');
    const field = await search(`field=${encodeURIComponent('Hộ tịch')}&level=COMMUNE&limit=100`);
    assert.ok(
      field.items.length > 10 && field.items.every((i) => i.field === 'Hộ tịch' && i.levels.includes('COMMUNE')),
    );
    const unknown = await search('onlineLevel=UNKNOWN&limit=5');
    assert.ok(unknown.items.every((i) => i.onlineLevel === null));
    const full = await search('onlineLevel=FULL');
    assert.equal(full.items.length, 0);
  });

  test('pages with a cursor without repeats', async () => {
    const first = await search('q=giay%20phep&limit=10');
    assert.ok(first.nextCursor);
    const second = await search(`q=giay%20phep&limit=10&cursor=${first.nextCursor}`);
    const codes = new Set(first.items.map((i) => i.code));
    assert.ok(second.items.length > 0 && second.items.every((i) => !codes.has(i.code)));
  });

  test('unit filter: commune catalogue has birth registration, not customs', async () => {
    const units = await (
      await t.login('admin')
    ).get(`/api/v1/units?q=${encodeURIComponent('xã mê linh')}&type=COMMUNE`);
    const unitId = (units.json().items as { id: string; name: string }[]).find((u) => u.name === 'Xã Mê Linh')!.id;
    const page = await search(`unitId=${unitId}&q=khai%20sinh`);
    assert.ok(page.items.some((i) => i.code === '1.001193'));
    const customs = await search(`unitId=${unitId}&field=${encodeURIComponent('Hải quan')}`);
    assert.equal(customs.items.length, 0);
  });

  test('field facets with counts', async () => {
    const res = await t.anonymous.get('/api/v1/procedures/fields');
    assert.equal(res.statusCode, 200);
    const items = res.json().items as { field: string; count: number }[];
    assert.equal(
      items.reduce((a, i) => a + i.count, 0),
      1500,
    );
    assert.ok(items.some((i) => i.field === 'Hộ tịch' && i.count >= 30));
  });

  test('detail of 1.001193: papers, fees, time per channel, online level null', async () => {
    const res = await t.anonymous.get('/api/v1/procedures/1.001193');
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json();
    assert.equal(p.name, 'Thủ tục đăng ký khai sinh');
    assert.equal(p.onlineLevel, null);
    assert.ok(p.documents.length > 0);
    assert.ok(
      p.methods.length > 0 &&
        p.methods.every((m: { channel: string }) => ['direct', 'online', 'postal'].includes(m.channel)),
    );
    assert.equal(p.supplementClockMode, 'RESTART');
    assert.equal(p.currentVersion.seq, 1);
    assert.ok(p.units.length >= 126, `applies at every commune and ward, got ${p.units.length}`);
  });

  test('bad input: invalid code, unknown query field, unknown code', async () => {
    const bad = await t.anonymous.get('/api/v1/procedures/1.2345');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'params.code');
    const unknown = await t.anonymous.get('/api/v1/procedures?foo=1');
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().errors[0].field, 'query.foo');
    const missing = await t.anonymous.get('/api/v1/procedures/9.999999');
    assert.equal(missing.statusCode, 404);
  });
});
