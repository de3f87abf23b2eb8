import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

let t: TestApp;
let admin: Client;
before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
after(() => t.close());

async function findUnit(q: string, asOf: string) {
  const res = await admin.get(`/api/v1/units?q=${encodeURIComponent(q)}&asOf=${asOf}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items as { id: string; name: string; code: string; version: number; validTo: string | null }[];
}

describe('units as of a date', () => {
  test('2024 shows the former district of Mê Linh; 2025-07-01 shows the new commune and not the district', async () => {
    const old = await findUnit('huyen me linh', '2024-06-30');
    assert.ok(
      old.some((u) => u.name === 'Huyện Mê Linh'),
      JSON.stringify(old),
    );
    const now = await findUnit('huyen me linh', '2025-07-01');
    assert.equal(now.length, 0);
  });

  test('search ignores accents and đ', async () => {
    const rows = await findUnit('dong anh', '2025-07-01');
    assert.ok(
      rows.some((u) => u.name.includes('Đông Anh')),
      JSON.stringify(rows),
    );
  });
});

describe('editing a unit', () => {
  test('a create without CSRF token is refused and writes nothing', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/units',
      headers: { 'x-csrf-token': 'wrong' },
      payload: {},
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'CSRF_TOKEN_INVALID');
  });
});
