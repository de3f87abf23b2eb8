/**
 * Browser test of the catalog admin: import a small JSON file (dry run → report → commit), find the
 * records in the list, open one, define an internal process whose budget exceeds the legal time (server
 * error shown), fix it and save. axe-core on each page (serious/critical = failure), screenshots.
 *
 *   MOTCUA_BASE_URL=http://127.0.0.1:3000 node --import tsx --test packages/web/test/browser/catalog-admin.browser.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { BASE_URL, assertAccessible, launch, login, newPage, screenshot, settle, url, waitForTitle } from './browser';

const PREFIX = 'catalog-admin';
// Fresh codes per run (9.xxxxxx is unused by the national catalogue in the demo data).
const base = 100000 + Math.floor(Math.random() * 800000);
const codes = [`9.${base}`, `9.${base + 1}`];

function record(code: string, name: string, days: number) {
  return {
    code,
    name,
    field: 'Thử nghiệm giao diện',
    level: ['xa'],
    agency: 'Ủy ban nhân dân cấp xã',
    processing_time_text: `${days} Ngày làm việc`,
    processing_days: days,
    time_unit: 'working_days',
    fee_text: 'Miễn phí',
    fee_vnd: 0,
    channels: ['direct', 'online'],
    online_level: null,
    documents: [
      { name: 'Tờ khai theo mẫu', quantity_text: '1 bản chính' },
      { name: 'Giấy tờ tùy thân', quantity_text: '0 bản chính,1 bản sao' },
    ],
    result: 'Giấy xác nhận',
    legal_basis: ['Nghị định 118/2025/NĐ-CP'],
    methods: [
      { channel: 'direct', time_text: `${days} Ngày làm việc`, fee_text: 'Miễn phí', description: '' },
      { channel: 'online', time_text: `${days} Ngày làm việc`, fee_text: 'Miễn phí', description: '' },
    ],
    document_notes: [],
    level_text: 'Cấp xã',
    competent_authority: null,
    decision_no: '999/QĐ-TEST',
    procedure_type: null,
    subjects: 'Công dân Việt Nam',
    result_codes: [],
    parse_warnings: [],
  };
}

describe('catalog admin', { skip: BASE_URL ? false : 'MOTCUA_BASE_URL is not set' }, () => {
  let browser: Browser;
  let dir: string;
  let file: string;

  before(async () => {
    browser = await launch();
    dir = await mkdtemp(join(tmpdir(), 'motcua-catalog-'));
    file = join(dir, 'thu-tuc.json');
    await writeFile(
      file,
      JSON.stringify([
        record(codes[0]!, 'Thủ tục thử nghiệm xác nhận giao diện', 2),
        record(codes[1]!, 'Thủ tục thử nghiệm cấp giấy giao diện', 3),
      ]),
    );
  });
  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test(
    'import JSON (dry run, commit), list, internal process over budget then fixed',
    { timeout: 240_000 },
    async () => {
      const page = await newPage(browser);
      page.setDefaultTimeout(30_000);
      await login(page, 'admin');

      // list via the menu
      const nav = page.getByRole('navigation');
      await nav.getByText('Thủ tục hành chính').click();
      await page.waitForURL((u) => u.pathname === '/quan-tri/thu-tuc');
      await waitForTitle(page, 'Thủ tục hành chính');
      await page.locator('.ant-table-row').first().waitFor();
      await assertAccessible(page, 'procedure list');
      await screenshot(page, `${PREFIX}-list`);

      // import wizard: dry run
      await page.getByRole('button', { name: 'Nhập danh mục' }).click();
      await page.waitForURL((u) => u.pathname === '/quan-tri/thu-tuc/nhap');
      await waitForTitle(page, 'Nhập danh mục');
      await assertAccessible(page, 'import wizard');
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByText('Tệp đã chọn: thu-tuc.json').waitFor();
      await page.getByRole('button', { name: 'Kiểm tra' }).click();
      await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor({ timeout: 60_000 });
      await page.getByText('chưa có dữ liệu nào được ghi').waitFor();
      const table = page.locator('.ant-table');
      for (const c of codes) await table.getByRole('cell', { name: c, exact: true }).waitFor();
      assert.equal(await table.getByText('Mới', { exact: true }).count(), 2);
      await assertAccessible(page, 'import dry-run report');
      await screenshot(page, `${PREFIX}-import-report`);

      // commit
      await page.getByRole('button', { name: 'Nhập', exact: true }).click();
      await page.getByText(/Đã nhập: 2 thủ tục mới/).waitFor({ timeout: 90_000 });
      await settle(page);
      await screenshot(page, `${PREFIX}-import-done`);

      // they appear in the list (accent-insensitive server search)
      await page.getByRole('button', { name: 'Xem danh sách thủ tục' }).click();
      await page.waitForURL((u) => u.pathname === '/quan-tri/thu-tuc');
      const search = page.getByLabel('Tìm thủ tục theo tên hoặc mã');
      await search.fill('thu nghiem giao dien');
      await search.press('Enter');
      for (const c of codes) await page.locator('.ant-table-row', { hasText: c }).waitFor();
      await settle(page);
      await screenshot(page, `${PREFIX}-list-imported`);

      // open the 2-working-day procedure (16 working hours)
      await page
        .locator('.ant-table-row', { hasText: codes[0]! })
        .getByRole('link', { name: /Thủ tục thử nghiệm xác nhận giao diện/ })
        .click();
      await page.waitForURL((u) => u.pathname === `/quan-tri/thu-tuc/${codes[0]}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(codes[0]!.replace('.', '\\.')) }).waitFor();
      await page.getByLabel('Tên thủ tục').waitFor();
      await assertAccessible(page, 'procedure editor');
      await screenshot(page, `${PREFIX}-editor`);

      // internal process: 3 default steps (4 + 8 + 4 = 16 h); raise step 2 to 20 h → 28 h > 16 h
      await page.getByRole('tab', { name: 'Quy trình nội bộ' }).click();
      await page.getByRole('button', { name: 'Soạn quy trình mới' }).click();
      await page.getByText('Quy trình nội bộ mới').waitFor();
      const hours = page.getByLabel('Thời gian (giờ làm việc)');
      await hours.nth(1).fill('20');
      await page.getByText(/Tổng thời gian các bước: 28 \/ 16 giờ làm việc/).waitFor();
      await page.getByText(/Vượt thời hạn giải quyết 12 giờ/).waitFor();
      await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
      const alert = page.getByRole('alert').filter({ hasText: /vượt thời hạn/i });
      await alert.first().waitFor();
      await settle(page);
      await assertAccessible(page, 'internal process over budget');
      await screenshot(page, `${PREFIX}-process-over-budget`);

      // fix: 6 h → 4 + 6 + 4 = 14 h ≤ 16 h, save the draft
      await hours.nth(1).fill('6');
      await page.getByText(/Tổng thời gian các bước: 14 \/ 16 giờ làm việc/).waitFor();
      await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
      await page.getByText(/Đã lưu dự thảo quy trình nội bộ 1/).waitFor();
      await page.getByRole('heading', { name: /Quy trình nội bộ 1/ }).waitFor();
      await page.locator('.ant-table-row', { hasText: 'Dự thảo' }).first().waitFor();
      await settle(page);
      await assertAccessible(page, 'internal process saved');
      await screenshot(page, `${PREFIX}-process-saved`);

      // approve the draft: the decision number is required, then the version is in force
      await page.getByRole('button', { name: 'Phê duyệt' }).click();
      const approve = page.getByRole('dialog', { name: /Phê duyệt quy trình nội bộ 1/ });
      await approve.waitFor();
      await approve.getByRole('button', { name: 'Phê duyệt' }).click();
      await approve.getByText('Vui lòng nhập Số quyết định phê duyệt.').waitFor();
      await approve.getByLabel('Số quyết định phê duyệt').fill('15/QĐ-UBND');
      await assertAccessible(page, 'approve internal process');
      await screenshot(page, `${PREFIX}-process-approve`);
      await approve.getByRole('button', { name: 'Phê duyệt' }).click();
      await page.getByText('Đã phê duyệt quy trình nội bộ 1.').waitFor();
      await approve.waitFor({ state: 'detached' });
      await page.locator('.ant-table-row', { hasText: 'Đã phê duyệt' }).first().waitFor();
      assert.equal(
        await page.getByRole('button', { name: 'Lưu dự thảo' }).count(),
        0,
        'an approved version is read-only',
      );

      // the report page
      await page.goto(url('/quan-tri/thu-tuc/chua-co-quy-trinh'));
      await waitForTitle(page, 'Thủ tục chưa có quy trình nội bộ');
      await page.getByRole('status').first().waitFor();
      await assertAccessible(page, 'missing process report');
      await screenshot(page, `${PREFIX}-missing-report`);

      assert.deepEqual(page.problems, []);
      await page.context().close();
    },
  );

  test(
    'create a procedure from the list: an invalid code is refused on its field, a valid one opens the editor',
    { timeout: 120_000 },
    async () => {
      const page = await newPage(browser);
      page.setDefaultTimeout(30_000);
      await login(page, 'admin');
      await page.goto(url('/quan-tri/thu-tuc'));
      await page.getByRole('button', { name: 'Thêm thủ tục' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm thủ tục hành chính' });
      await dialog.waitFor();
      await settle(page);
      await dialog.getByLabel('Mã thủ tục').fill('1.2345');
      await dialog.getByLabel('Tên thủ tục').fill('Thủ tục thử nghiệm tạo mới');
      await dialog.getByLabel('Lĩnh vực').fill('Thử nghiệm giao diện');
      await dialog.getByLabel('Thời hạn giải quyết (nộp trực tiếp)').fill('3');
      await assertAccessible(page, 'create procedure dialog');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      // the server's per-field error lands on the code field; nothing was created
      await dialog.locator('.ant-form-item-has-error', { hasText: 'Mã thủ tục' }).waitFor();
      const created = `9.${base + 2}`;
      await dialog.getByLabel('Mã thủ tục').fill(created);
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await page.waitForURL((u) => u.pathname === `/quan-tri/thu-tuc/${created}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(created.replace('.', '\\.')) }).waitFor();
      await screenshot(page, `${PREFIX}-created`);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    },
  );

  test('simplification plans page (reform officer): list, summary, accessible', { timeout: 120_000 }, async () => {
    const page = await newPage(browser);
    page.setDefaultTimeout(30_000);
    await login(page, 'caicach');
    await page.getByRole('navigation').getByText('Đơn giản hóa thủ tục').click();
    await page.waitForURL((u) => u.pathname === '/quan-tri/don-gian-hoa');
    await waitForTitle(page, 'Phương án đơn giản hóa');
    await page.locator('.ant-table').waitFor();
    await settle(page);
    await assertAccessible(page, 'simplification plans');
    await screenshot(page, `${PREFIX}-plans`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
