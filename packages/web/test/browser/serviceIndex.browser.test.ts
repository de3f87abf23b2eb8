/**
 * Browser test of the service index (Decision 766) pages: the reform officer (caicach, whole city) sees the
 * ranking of the communes with ranks and finds Xã Mê Linh without accents; the leader of Xã Mê Linh (lanhdao)
 * opens the unit page, the indicator table (a not computable indicator is never shown as 0), clicks
 * ON_TIME_RATE, sees the dossiers that lost points (reason, late by) and follows one to the dossier page;
 * the dashboards render their charts with the table view; Biểu 06 downloads an .xlsx; anonymous, the public
 * page /cong-khai/chi-so shows the figures; the leader's home page has the index card, whose "Hồ sơ trễ hạn"
 * opens the drill-down. The reform officer freezes ("chốt") a finished period on the ranking page and opens the
 * frozen version; on "Đối chiếu, giả định" uploads three sync records and sees ON_TIME_RATE 2/3, and a broken
 * record's field errors. axe-core on every page, screenshots test-results/si-*.png.
 *
 * The test database of `npm run test:browser` has no generated dossiers (other tests count them): when the
 * leader's unit has no late dossier in the current quarter, the test generates 4 months of dossiers for it
 * with the generator command (`dossiers:generate`) on the server's database, as the demo start does.
 *
 *   npm run build && npm run test:browser -- packages/web/test/browser/serviceIndex.browser.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, checkpoint, launch, login, newPage, settle, url, waitForTitle, type TrackedPage } from './browser';

const PREFIX = 'si';
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface Me {
  user: { grants: { role: string; unitId: string; unitCode: string }[] };
}

async function leaderUnit(page: Page): Promise<{ id: string; code: string }> {
  const me = await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()) as Me);
  const g = me.user.grants.find((x) => x.role === 'UNIT_LEADER');
  assert.ok(g, 'a UNIT_LEADER grant');
  return { id: g.unitId, code: g.unitCode };
}

async function lateCount(page: Page, unitId: string, period: string): Promise<number> {
  return page.evaluate(
    async ([id, ky]) => {
      const res = await fetch(
        `/api/v1/service-index/units/${id}/lost-points?indicator=ON_TIME_RATE&limit=1&period=${ky}`,
      );
      if (!res.ok) throw new Error(`lost-points: HTTP ${res.status} ${await res.text()}`);
      return ((await res.json()) as { total: number }).total;
    },
    [unitId, period] as const,
  );
}

/** This quarter and the one before, in Vietnam (`2026-Q4`, `2026-Q3`). */
function recentQuarters(now = Date.now()): string[] {
  const d = new Date(now + 7 * 3600_000);
  const q = Math.floor(d.getUTCMonth() / 3) + 1;
  const y = d.getUTCFullYear();
  return [`${y}-Q${q}`, q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`];
}

/**
 * A recent quarter in which the unit has dossiers that cost ON_TIME_RATE points, generating histories (four
 * months, ≈ 1–2% late, by seed) until one has: where the few late ones fall depends on today's date.
 */
async function quarterWithLateDossiers(page: Page, unit: { id: string; code: string }): Promise<string> {
  for (const seed of [null, 766, 767, 768]) {
    if (seed !== null) generateDossiers(serverDatabaseUrl(), unit.code, seed);
    for (const period of recentQuarters()) if ((await lateCount(page, unit.id, period)) > 0) return period;
  }
  assert.fail('no late dossier in the last two quarters after generating three histories');
}

/** The database of the server under test (scripts/test.ts passes it). */
function serverDatabaseUrl(): string {
  const url = process.env.MOTCUA_BROWSER_DATABASE_URL;
  assert.ok(url, 'MOTCUA_BROWSER_DATABASE_URL (set by npm run test:browser)');
  return url;
}

function generateDossiers(databaseUrl: string, unitCode: string, seed: number): void {
  const args = ['--import', 'tsx', 'packages/server/src/cli.ts', 'dossiers:generate'];
  args.push('--dossiers', '160', '--months', '4', '--seed', String(seed), '--unit', unitCode);
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
    encoding: 'utf8',
    timeout: 240_000,
  });
  assert.ok(r.status === 0 || r.status === 1, `dossiers:generate exited ${r.status}: ${r.stderr}`);
}

/** A number as the pages show it: Vietnamese decimals (comma) with 2 digits. */
const SCORE = /\d+,\d{2}/;

/** The month before the current one ('YYYY-MM', local time as the pages compute it): a finished period. */
function previousMonthKey(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** A sync record of November 2025 received on the 3rd at 08:00, due on the 10th at 08:00, resolved at `resolved`. */
function syncRecord(code: string, resolved: string) {
  return {
    MaHoSo: code,
    KenhThucHien: 1,
    NgayTiepNhan: '2025-11-03T08:00:00+07:00',
    NgayHenTra: '2025-11-10T08:00:00+07:00',
    TrangThai: [
      { status: 2, at: '2025-11-03T08:00:00+07:00' },
      { status: 4, at: '2025-11-03T08:05:00+07:00' },
      { status: 9, at: resolved },
    ],
  };
}

describe('service index pages', { skip: BASE_URL ? false : 'MOTCUA_BASE_URL is not set' }, () => {
  let browser: Browser;
  const pages: TrackedPage[] = [];
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    for (const p of pages) assert.deepEqual(p.problems, [], 'no page errors or CSP violations');
    await browser?.close();
  });
  const open = async (username?: string) => {
    const page = await newPage(browser);
    page.setDefaultTimeout(30_000);
    pages.push(page);
    if (username) await login(page, username);
    return page;
  };

  test('the reform officer sees the ranking of the units', { timeout: 180_000 }, async () => {
    const page = await open('caicach');
    await page.getByRole('navigation').getByText('Chỉ số phục vụ', { exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/chi-so-phuc-vu');
    await waitForTitle(page, 'Chỉ số phục vụ');
    const table = page.locator('.si-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    assert.match((await table.locator('tbody tr.ant-table-row').first().innerText()).trim(), /^1\/\d+/);
    await checkpoint(page, 'ranking', `${PREFIX}-1-ranking`);

    await page.getByRole('searchbox', { name: 'Tìm đơn vị theo tên' }).fill('xa me linh');
    const row = table.locator('tbody tr.ant-table-row', { hasText: 'Xã Mê Linh' }).first();
    await row.waitFor();
    assert.match(await row.innerText(), /\d+\/\d+/, 'Xã Mê Linh has a rank among its peers');
    // the chart's table view (the search applies to the chart too)
    const chart = page.locator('.ant-card').filter({ hasText: 'Tổng điểm các đơn vị' });
    await chart.getByText('Bảng số liệu', { exact: true }).click();
    await chart.locator('tbody tr', { hasText: 'Xã Mê Linh' }).first().waitFor();
    await row.getByRole('link', { name: 'Xã Mê Linh' }).click();
    await page.waitForURL((u) => /^\/chi-so-phuc-vu\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByRole('heading', { level: 1, name: /Xã Mê Linh/ }).waitFor();
  });

  test('the leader drills down from ON_TIME_RATE to a late dossier', { timeout: 420_000 }, async () => {
    const page = await open('lanhdao');
    const unit = await leaderUnit(page);
    const period = await quarterWithLateDossiers(page, unit);
    await page.getByRole('navigation').getByText('Chỉ số phục vụ', { exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/chi-so-phuc-vu');
    await page.goto(url(`/chi-so-phuc-vu?ky=${period}`));
    await page.getByRole('link', { name: 'Xem chi tiết' }).click();
    await page.waitForURL((u) => u.pathname === `/chi-so-phuc-vu/${unit.id}`);
    await page.getByRole('heading', { name: 'Các chỉ số thành phần' }).waitFor();
    const total = page.locator('.ant-statistic-content');
    assert.match(await total.innerText(), SCORE);
    // not computable indicators say so, never 0
    for (const row of await page.locator('.si-table tbody tr.ant-table-row').all()) {
      const cells = row.locator('td'); // group, indicator, score, max, ratio, counts, status, reason
      if ((await cells.nth(6).innerText()).includes('Chưa tính được'))
        assert.equal((await cells.nth(2).innerText()).trim(), 'Chưa tính được', await row.innerText());
    }
    await checkpoint(page, 'unit index', `${PREFIX}-2-unit`);

    await page.locator('[data-indicator="ON_TIME_RATE"]').click();
    const drawer = page.getByRole('dialog');
    await drawer
      .getByText(/Hồ sơ bị trừ điểm/)
      .first()
      .waitFor();
    const first = drawer.locator('tbody tr.ant-table-row').first();
    await first.waitFor();
    assert.match(await first.innerText(), /Trễ hạn|quá hạn|Yêu cầu bổ sung/);
    assert.match(await drawer.innerText(), /\d+ (ngày|giờ|phút)/, 'late by, formatted');
    await settle(page);
    await checkpoint(page, 'lost points', `${PREFIX}-3-lost-points`);

    const link = drawer.locator('tbody a[href^="/ho-so/"]').first();
    const code = (await link.innerText()).trim();
    await link.click();
    await page.waitForURL((u) => /^\/ho-so\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByText(code).first().waitFor();
    await checkpoint(page, 'dossier from drill-down', `${PREFIX}-4-dossier`);
  });

  test('dashboards and Biểu 06 (.xlsx download)', { timeout: 180_000 }, async () => {
    const page = await open('lanhdao');
    await page.goto(url('/bao-cao/dashboard'));
    await page.getByRole('heading', { name: 'Hồ sơ theo kênh tiếp nhận' }).waitFor();
    assert.ok((await page.locator('[role="img"] canvas').count()) >= 1, 'ECharts canvases');
    await checkpoint(page, 'dashboards', `${PREFIX}-5-dashboard`);

    await page.getByRole('navigation').getByText('Biểu mẫu báo cáo').click();
    await page.waitForURL((u) => u.pathname === '/bao-cao/bieu-mau');
    await page.getByRole('columnheader', { name: 'Số hồ sơ nhận giải quyết' }).waitFor();
    await checkpoint(page, 'Biểu 06', `${PREFIX}-6-bieu06`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: /Xuất Excel/ })
        .first()
        .click(),
    ]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const file = await download.path();
    assert.equal((await readFile(file)).subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');
  });

  test('the public page shows the figures without login', { timeout: 120_000 }, async () => {
    const page = await open();
    await page.goto(url('/cong-khai/chi-so'));
    await page.getByRole('heading', { level: 1, name: 'Công khai chỉ số phục vụ người dân, doanh nghiệp' }).waitFor();
    const row = page.locator('tbody tr.ant-table-row').first();
    await row.waitFor();
    assert.match(await row.innerText(), SCORE);
    await page.getByRole('searchbox', { name: 'Tìm đơn vị theo tên' }).fill('me linh');
    await page.locator('tbody tr.ant-table-row', { hasText: 'Mê Linh' }).first().waitFor();
    await checkpoint(page, 'public index', `${PREFIX}-7-public`);
  });

  test('the leader lands on the home page with the service-index card', { timeout: 120_000 }, async () => {
    const page = await open('lanhdao');
    assert.equal(new URL(page.url()).pathname, '/', 'the home page after login');
    const unit = await leaderUnit(page);
    const card = page.getByRole('region', { name: /^Chỉ số phục vụ — Quý / });
    await card.getByText('Kỳ đang diễn ra').waitFor();
    const text = await card.innerText();
    assert.match(text, new RegExp(`${SCORE.source} / 100,00`), 'the total / 100 with Vietnamese decimals');
    assert.match(text, /Hạng \d+\/126/, 'the rank among the 126 communes');
    assert.match(text, /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/, 'measured at dd/MM/yyyy HH:mm');
    await card.locator('[role="img"] canvas').first().waitFor();
    assert.equal(await card.getByRole('link', { name: 'Bảng điều khiển' }).getAttribute('href'), '/bao-cao/dashboard');
    assert.match(
      (await card.getByRole('link', { name: 'Xem chi tiết' }).getAttribute('href')) ?? '',
      new RegExp(`^/chi-so-phuc-vu/${unit.id}`),
    );
    await checkpoint(page, 'home card', `${PREFIX}-8-home`);

    await card.getByRole('link', { name: 'Hồ sơ trễ hạn' }).click();
    await page.waitForURL(
      (u) => u.pathname === `/chi-so-phuc-vu/${unit.id}` && u.searchParams.get('chiTieu') === 'ON_TIME_RATE',
    );
    await page
      .getByRole('dialog')
      .getByText(/Hồ sơ bị trừ điểm/)
      .first()
      .waitFor();
  });
  test('the reform officer freezes a finished period and opens the frozen version', { timeout: 180_000 }, async () => {
    const page = await open('caicach');
    const period = previousMonthKey();
    await page.goto(url(`/chi-so-phuc-vu?ky=${period}`));
    await waitForTitle(page, 'Chỉ số phục vụ');
    const frozen = page.getByRole('region', { name: 'Kết quả đã chốt' });
    await frozen.getByText(/Chưa chốt kết quả|Đã chốt phiên bản/).waitFor();
    const before = await page.evaluate(async (ky) => {
      const res = await fetch(`/api/v1/service-index/results?period=${ky}`);
      return ((await res.json()) as { versions: unknown[] }).versions.length;
    }, period);

    await frozen.getByRole('button', { name: 'Chốt kết quả' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Chốt kết quả Tháng/).waitFor();
    await dialog.getByRole('textbox').fill('Chốt kết quả tháng để công bố (kiểm thử trình duyệt)');
    await dialog.getByRole('button', { name: 'Chốt kết quả' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const version = before + 1;
    await frozen.getByText(new RegExp(`^Đã chốt phiên bản ${version} ngày \\d{2}/\\d{2}/\\d{4}$`)).waitFor();
    await checkpoint(page, 'frozen results', `${PREFIX}-9-frozen`);

    await frozen.getByRole('button', { name: `Các phiên bản đã chốt (${version})` }).click();
    const drawer = page.getByRole('dialog');
    const row = drawer.locator('tbody tr.ant-table-row').first();
    await row.waitFor();
    assert.match(await row.innerText(), /Chốt kết quả tháng để công bố/);
    await drawer.getByRole('button', { name: `Xem phiên bản ${version}` }).click();
    await drawer.getByText('Bảng xếp hạng đúng như lúc chốt (chỉ xem).').waitFor();
    const ranked = drawer.locator('.si-frozen-table tbody tr.ant-table-row').first();
    await ranked.waitFor();
    assert.match((await ranked.innerText()).trim(), /^1\/\d+/, 'the frozen ranking starts at rank 1');
    await settle(page);
    await checkpoint(page, 'frozen version', `${PREFIX}-10-frozen-version`);
  });

  test('reconciliation: uploaded sync records are scored, errors name the field', { timeout: 120_000 }, async () => {
    const page = await open('caicach');
    await page.getByRole('navigation').getByText('Đối chiếu, giả định', { exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/chi-so-phuc-vu/doi-chieu');
    await waitForTitle(page, 'Đối chiếu, giả định');
    const request = {
      period: { from: '2025-11-01', to: '2025-11-30' },
      unitLevel: 'COMMUNE',
      dossiers: [
        syncRecord('DC-1', '2025-11-07T15:00:00+07:00'),
        syncRecord('DC-2', '2025-11-06T10:00:00+07:00'),
        syncRecord('DC-3', '2025-11-12T09:00:00+07:00'),
      ],
    };
    await page.locator('input[type="file"]').setInputFiles({
      name: 'doi-chieu.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(request)),
    });
    await page.getByText('Đã chọn: doi-chieu.json').waitFor();
    // The request's period fills the inputs, shown dd/MM/yyyy.
    assert.equal(await page.getByPlaceholder('Từ ngày').inputValue(), '01/11/2025');
    assert.equal(await page.getByPlaceholder('Đến ngày').inputValue(), '30/11/2025');
    await page.getByRole('button', { name: 'Tính điểm' }).click();
    const onTime = page.locator('.si-table tbody tr.ant-table-row', {
      has: page.locator('[data-indicator="ON_TIME_RATE"]'),
    });
    await onTime.waitFor();
    const text = await onTime.innerText();
    assert.match(text, /2\/3/, 'two of three on time');
    assert.match(text, /13,33/, '20 × 2/3');
    assert.ok(
      (await page.locator('.si-table tbody tr.ant-table-row', { hasText: 'Chưa tính được' }).count()) > 0,
      'indicators without their inputs are not computable, with the reason',
    );
    await onTime.locator('[data-indicator="ON_TIME_RATE"]').click();
    await page
      .getByRole('region', { name: /Hồ sơ bị trừ điểm/ })
      .getByRole('cell', { name: 'DC-3', exact: true })
      .waitFor();
    await checkpoint(page, 'reconciliation', `${PREFIX}-11-evaluate`);

    // A record without its reception date: the server's field error is listed.
    await page.getByLabel('Nội dung JSON (dán vào hoặc lấy từ tệp)').fill(JSON.stringify([{ MaHoSo: 'DC-X' }]));
    await page.getByRole('button', { name: 'Tính điểm' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'dossiers.0' });
    await alert.waitFor();
    await checkpoint(page, 'reconciliation error', `${PREFIX}-12-evaluate-error`);
  });
});
