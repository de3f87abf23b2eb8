/**
 * Browser test of the catalog admin: import a small JSON file (dry run → report → commit), find the
 * records in the list, open one, define an internal process whose budget exceeds the legal time (server
 * error shown), fix it and save. Then the dialogs of delegations (ủy quyền / phân cấp) and of simplification
 * plans (save, status transitions): a bad input shows the Vietnamese error and stores nothing, a good one shows
 * the change in the page and the server has it. axe-core on each page (serious/critical = failure), screenshots.
 *
 *   MOTCUA_BASE_URL=http://127.0.0.1:3000 node --import tsx --test packages/web/test/browser/catalog-admin.browser.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  BASE_URL,
  assertAccessible,
  fillPicker,
  launch,
  login,
  newPage,
  screenshot,
  searchSelect,
  settle,
  url,
  waitForTitle,
} from './browser';
import { apiLogin, type ApiSession, type Json } from './api';

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

/** Public (anonymous) GET of the API. */
async function publicGet(path: string): Promise<Json> {
  const r = await fetch(url(path));
  assert.equal(r.status, 200, `GET ${path}: ${r.status}`);
  return (await r.json()) as Json;
}

/** The non-GET API requests the page sends (to show that a refused form sent nothing). */
function trackWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && new URL(r.url()).pathname.startsWith('/api/v1/'))
      writes.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  return writes;
}

/**
 * The options an antd Select of the dialog `within` offers: opens it, reads them once the list is shown and its
 * motion is over (on a loaded machine the list re-renders while it opens), closes it by a click on the title.
 */
async function selectOptions(page: Page, within: Locator, label: string): Promise<string[]> {
  await within.getByLabel(label, { exact: true }).click();
  const texts = await page.waitForFunction(() => {
    const open = Array.from(document.querySelectorAll<HTMLElement>('.ant-select-dropdown')).filter(
      (d) => !d.classList.contains('ant-select-dropdown-hidden') && d.getClientRects().length > 0,
    );
    if (open.length !== 1 || open[0]!.getAnimations({ subtree: true }).some((a) => a.playState === 'running'))
      return null;
    const items = Array.from(open[0]!.querySelectorAll<HTMLElement>('.ant-select-item-option')).map((o) =>
      o.innerText.trim(),
    );
    return items.length ? items : null;
  });
  await within.locator('.ant-modal-title').click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  return (await texts.jsonValue()) as string[];
}

/** The antd form item of a dialog holding the field labelled `label` (its error shows in it). */
const formItem = (dialog: Locator, label: string) =>
  dialog.locator('.ant-form-item').filter({ has: dialog.page().getByLabel(label, { exact: true }) });

/** Hanoi's UBND (the reform officer's working unit) and a procedure code of the demo catalogue. */
async function planContext(session: ApiSession): Promise<{ unitId: string; code: string }> {
  const me = await session.get('/api/v1/auth/me');
  const grant = (me.user.grants as Json[]).find((g) => g.role === 'REFORM_OFFICER');
  assert.ok(grant, 'caicach has a REFORM_OFFICER grant');
  const list = await publicGet('/api/v1/procedures?limit=1');
  return { unitId: grant.unitId as string, code: list.items[0].code as string };
}

/** A compliance-cost side: T × W + other costs, once a year for `subjects` people. */
const side = (steps: number, hours: number, documents: number, costHours: number, other: number, subjects: number) => ({
  steps,
  hours,
  documents,
  feeVnd: 0,
  cost: {
    hours: costHours,
    incomePerHour: 50_000,
    serviceFees: 0,
    fees: 0,
    otherCosts: other,
    timesPerYear: 1,
    subjectsPerYear: subjects,
  },
});

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

  test(
    'save a simplification plan (reform officer): required fields and an unknown procedure are refused, create then edit',
    { timeout: 180_000 },
    async () => {
      const api = await apiLogin('caicach');
      const { code } = await planContext(api);
      const title = `Phương án thử nghiệm lưu ${base}`;
      const edited = `${title} (đã sửa)`;
      const stored = async (t: string) =>
        ((await api.get('/api/v1/simplification-plans?limit=100')).items as Json[]).filter((p) => p.title === t);

      const page = await newPage(browser);
      page.setDefaultTimeout(30_000);
      await login(page, 'caicach');
      const writes = trackWrites(page);
      await page.goto(url('/quan-tri/don-gian-hoa'));
      await waitForTitle(page, 'Phương án đơn giản hóa');
      await page.locator('.ant-table').waitFor();

      await page.getByRole('button', { name: 'Thêm phương án' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm phương án đơn giản hóa' });
      await dialog.waitFor();
      await settle(page);
      // the working unit is proposed
      await formItem(dialog, 'Đơn vị').getByText('Ủy ban nhân dân thành phố Hà Nội').waitFor();

      // nothing filled in: the required fields say so, nothing is sent
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await formItem(dialog, 'Mã thủ tục').getByText('Vui lòng nhập Mã thủ tục.').waitFor();
      await formItem(dialog, 'Tên phương án').getByText('Vui lòng nhập Tên phương án.').waitFor();
      assert.deepEqual(writes, [], 'a form refused in the browser sends nothing');

      // an unknown procedure: the server's error lands on the code field, nothing is stored
      await dialog.getByLabel('Mã thủ tục').fill('9.000001');
      await dialog.getByLabel('Tên phương án').fill(title);
      const before = dialog.getByRole('group', { name: 'Trước đơn giản hóa' });
      const after = dialog.getByRole('group', { name: 'Sau đơn giản hóa' });
      const fillSide = async (group: Locator, v: ReturnType<typeof side>) => {
        await group.getByLabel('Số bước', { exact: true }).fill(String(v.steps));
        await group.getByLabel('Thời gian giải quyết (giờ)', { exact: true }).fill(String(v.hours));
        await group.getByLabel('Số giấy tờ', { exact: true }).fill(String(v.documents));
        await group.getByLabel('Số giờ thực hiện một lần', { exact: true }).fill(String(v.cost.hours));
        await group.getByLabel('Thu nhập bình quân một giờ (đồng)', { exact: true }).fill(String(v.cost.incomePerHour));
        await group.getByLabel('Chi phí khác (đồng)', { exact: true }).fill(String(v.cost.otherCosts));
        await group.getByLabel('Số đối tượng một năm', { exact: true }).fill(String(v.cost.subjectsPerYear));
      };
      // before: (8 h × 50 000 + 100 000) × 200 = 100 000 000 đ; after: (4 h × 50 000 + 20 000) × 200 = 44 000 000 đ
      await fillSide(before, side(5, 40, 6, 8, 100_000, 200));
      await fillSide(after, side(3, 24, 4, 4, 20_000, 200));
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await formItem(dialog, 'Mã thủ tục').getByText('Thủ tục không có trong danh mục.').waitFor();
      await dialog.getByRole('alert').waitFor();
      assert.deepEqual(await stored(title), [], 'a refused plan is not stored');
      await assertAccessible(page, 'plan dialog with errors');
      await dialog.getByLabel('Mã thủ tục').scrollIntoViewIfNeeded();
      await screenshot(page, `${PREFIX}-plan-form-error`);

      // a procedure of the catalogue: created, the costs computed by the server are in the list
      await dialog.getByLabel('Mã thủ tục').fill(code);
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText(`Đã thêm phương án «${title}». Tiết kiệm: 56.000.000 đ (56%).`).waitFor();
      await dialog.waitFor({ state: 'detached' });
      const row = page.locator('.ant-table-row', { hasText: title });
      await row.waitFor();
      for (const text of [code, '5 → 3; 40 → 24 giờ', '6 → 4', '100.000.000 đ', '44.000.000 đ', '56%', 'Dự thảo'])
        await row.getByText(text, { exact: true }).waitFor();
      const [created] = await stored(title);
      assert.ok(created, 'the plan is stored');
      assert.equal(created.procedureCode, code);
      assert.equal(created.status, 'DRAFT');
      assert.equal(created.annualCostBefore, 100_000_000);
      assert.equal(created.annualCostAfter, 44_000_000);
      assert.deepEqual([created.before.steps, created.after.steps, created.after.documents], [5, 3, 4]);

      // edit: the form holds the stored values; the unit and the procedure cannot be changed there
      await row.getByRole('button', { name: `Sửa phương án ${title}` }).click();
      const edit = page.getByRole('dialog', { name: 'Sửa phương án đơn giản hóa' });
      await edit.waitFor();
      await settle(page);
      assert.equal(await edit.getByLabel('Tên phương án').inputValue(), title);
      assert.equal(await edit.getByLabel('Mã thủ tục').inputValue(), code);
      assert.ok(await edit.getByLabel('Mã thủ tục').isDisabled(), 'the procedure of a plan is fixed');
      assert.ok(await edit.getByLabel('Đơn vị', { exact: true }).isDisabled(), 'the unit of a plan is fixed');
      await formItem(edit, 'Đơn vị').getByText('Ủy ban nhân dân thành phố Hà Nội').waitFor();
      const afterEdit = edit.getByRole('group', { name: 'Sau đơn giản hóa' });
      assert.equal(await afterEdit.getByLabel('Số đối tượng một năm', { exact: true }).inputValue(), '200');
      await edit.getByText(/Chi phí hằng năm trước: 100\.000\.000 đ; Chi phí hằng năm sau: 44\.000\.000 đ/).waitFor();

      // the title emptied: refused in the browser, the stored plan is unchanged
      const sentBefore = writes.length;
      await edit.getByLabel('Tên phương án').fill('');
      await edit.getByRole('button', { name: 'Lưu' }).click();
      await formItem(edit, 'Tên phương án').getByText('Vui lòng nhập Tên phương án.').waitFor();
      assert.equal(writes.length, sentBefore, 'nothing sent');
      assert.equal((await stored(title))[0]?.version, created.version);

      // a new title and half the people concerned after: (200 000 + 20 000) × 100 = 22 000 000 đ
      await edit.getByLabel('Tên phương án').fill(edited);
      await afterEdit.getByLabel('Số đối tượng một năm', { exact: true }).fill('100');
      await assertAccessible(page, 'edit plan dialog');
      await screenshot(page, `${PREFIX}-plan-edit`);
      await edit.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText(`Đã lưu phương án «${edited}». Tiết kiệm: 78.000.000 đ (78%).`).waitFor();
      await edit.waitFor({ state: 'detached' });
      const editedRow = page.locator('.ant-table-row', { hasText: edited });
      for (const text of ['100.000.000 đ', '22.000.000 đ', '78%', 'Dự thảo'])
        await editedRow.getByText(text, { exact: true }).waitFor();
      assert.deepEqual(await stored(title), [], 'the old title is gone');
      const [saved] = await stored(edited);
      assert.equal(saved?.id, created.id, 'the same plan was edited, no new one');
      assert.equal(saved?.version, created.version + 1);
      assert.equal(saved?.annualCostAfter, 22_000_000);
      assert.equal(saved?.after.cost.subjectsPerYear, 100);
      assert.equal(saved?.before.cost.subjectsPerYear, 200, 'the side not edited keeps its values');
      assert.deepEqual(page.problems, []);
      await page.context().close();
    },
  );

  test(
    'edit a simplification plan tied to an internal process: the tie is kept, a conflict reloads the form',
    { timeout: 120_000 },
    async () => {
      const api = await apiLogin('caicach');
      // a seeded plan names an internal process; a new draft about the same process, unit and procedure
      const seeded = ((await api.get('/api/v1/simplification-plans?limit=100')).items as Json[]).find(
        (p) => p.internalProcessId,
      );
      assert.ok(seeded, 'the demo data has a plan tied to an internal process');
      const title = `Phương án thử nghiệm quy trình ${base}`;
      const r = await api.send('POST', '/api/v1/simplification-plans', {
        unitId: seeded.unitId,
        procedureCode: seeded.procedureCode,
        internalProcessId: seeded.internalProcessId,
        title,
        before: side(4, 30, 5, 8, 50_000, 300),
        after: side(3, 20, 4, 4, 20_000, 300),
        note: null,
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      const plan = r.json;

      const page = await newPage(browser);
      page.setDefaultTimeout(30_000);
      await login(page, 'caicach');
      await page.goto(url('/quan-tri/don-gian-hoa'));
      await waitForTitle(page, 'Phương án đơn giản hóa');
      // the plan's unit (below the officer's own) in the page's unit filter
      const unit = await api.get(`/api/v1/units/${seeded.unitId}`);
      await searchSelect(page, page.locator('.toolbar'), 'Đơn vị', unit.name as string, unit.code as string);
      const row = page.locator('.ant-table-row', { hasText: title });
      await row.waitFor();
      await row.getByRole('button', { name: `Sửa phương án ${title}` }).click();
      const edit = page.getByRole('dialog', { name: 'Sửa phương án đơn giản hóa' });
      await edit.waitFor();
      await settle(page);

      // a colleague saves the plan while the dialog is open: the save is refused, the dialog then holds what is
      // stored (and its version), so the next save goes through
      const elsewhere = await api.send(
        'PATCH',
        `/api/v1/simplification-plans/${plan.id}`,
        { note: 'Ghi chú của đồng nghiệp.' },
        { 'if-match': `"${plan.version}"` },
      );
      assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.json));
      await edit.getByLabel('Ghi chú').fill('Bỏ bước trình ký giấy.');
      await edit.getByRole('button', { name: 'Lưu' }).click();
      await edit
        .getByRole('alert')
        .getByText('Phương án đã được người khác sửa. Dữ liệu mới nhất đã được tải lại.')
        .waitFor();
      const note = await edit.getByLabel('Ghi chú').elementHandle();
      await page.waitForFunction((el) => (el as HTMLTextAreaElement).value === 'Ghi chú của đồng nghiệp.', note);
      assert.equal((await api.get(`/api/v1/simplification-plans/${plan.id}`)).note, 'Ghi chú của đồng nghiệp.');
      await edit.getByLabel('Ghi chú').fill('Bỏ bước trình ký giấy.');
      await edit.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText(`Đã lưu phương án «${title}».`, { exact: false }).waitFor();
      await edit.waitFor({ state: 'detached' });
      const saved = await api.get(`/api/v1/simplification-plans/${plan.id}`);
      assert.equal(saved.note, 'Bỏ bước trình ký giấy.');
      assert.equal(saved.version, plan.version + 2, "the colleague's save, then this one");
      assert.equal(saved.internalProcessId, seeded.internalProcessId, 'saving the form keeps the internal process');
      assert.deepEqual(page.problems, []);
      await page.context().close();
    },
  );

  test(
    'simplification plan status (reform officer): propose, approval needs a decision, a stale transition is refused',
    { timeout: 180_000 },
    async () => {
      const api = await apiLogin('caicach');
      const { unitId, code } = await planContext(api);
      const title = `Phương án thử nghiệm chuyển trạng thái ${base}`;
      const r = await api.send('POST', '/api/v1/simplification-plans', {
        unitId,
        procedureCode: code,
        title,
        before: side(5, 40, 6, 8, 100_000, 200),
        after: side(3, 24, 4, 4, 20_000, 200),
        note: null,
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      const id = r.json.id as string;
      const storedPlan = () => api.get(`/api/v1/simplification-plans/${id}`);

      const page = await newPage(browser);
      page.setDefaultTimeout(30_000);
      await login(page, 'caicach');
      await page.goto(url('/quan-tri/don-gian-hoa'));
      await waitForTitle(page, 'Phương án đơn giản hóa');
      const row = page.locator('.ant-table-row', { hasText: title });
      await row.getByText('Dự thảo', { exact: true }).waitFor();
      const move = row.getByRole('button', { name: `Chuyển trạng thái phương án ${title}` });
      const dialog = page.getByRole('dialog', { name: 'Chuyển trạng thái phương án' });

      // a draft can only be proposed
      await move.click();
      await dialog.waitFor();
      await settle(page);
      await dialog.getByText(title, { exact: true }).waitFor();
      assert.deepEqual(await selectOptions(page, dialog, 'Trạng thái mới'), ['Đã đề xuất']);
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Phương án chuyển sang «Đã đề xuất».').waitFor();
      await dialog.waitFor({ state: 'detached' });
      await row.getByText('Đã đề xuất', { exact: true }).waitFor();
      assert.ok(
        await row.getByRole('button', { name: `Sửa phương án ${title}` }).isDisabled(),
        'a proposed plan is no longer editable',
      );
      assert.equal((await storedPlan()).status, 'PROPOSED');

      // a proposal is approved or rejected (no way back to draft here); approval without a decision is refused
      await move.click();
      await dialog.waitFor();
      await settle(page);
      assert.deepEqual(await selectOptions(page, dialog, 'Trạng thái mới'), ['Đã phê duyệt', 'Không phê duyệt']);
      await dialog.getByLabel('Trạng thái mới').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Đã phê duyệt' }).click();
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await formItem(dialog, 'Số quyết định').getByText('Cần số quyết định thông qua phương án.').waitFor();
      await formItem(dialog, 'Ngày quyết định').getByText('Cần ngày quyết định.').waitFor();
      const refused = await storedPlan();
      assert.equal(refused.status, 'PROPOSED', 'a refused transition changes nothing');
      assert.equal(refused.decisionNo, null);
      await assertAccessible(page, 'transition dialog with errors');
      await screenshot(page, `${PREFIX}-plan-transition-error`);

      await dialog.getByLabel('Số quyết định').fill('27/QĐ-UBND');
      await fillPicker(page, 'Ngày quyết định', '16/03/2026', dialog);
      await screenshot(page, `${PREFIX}-plan-transition`);
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Phương án chuyển sang «Đã phê duyệt».').waitFor();
      await dialog.waitFor({ state: 'detached' });
      await row.getByText('Đã phê duyệt', { exact: true }).waitFor();
      await row.getByText('27/QĐ-UBND (16/03/2026)', { exact: true }).waitFor();
      const approved = await storedPlan();
      assert.equal(approved.status, 'APPROVED');
      assert.equal(approved.decisionNo, '27/QĐ-UBND');
      assert.equal(approved.decisionDate, '2026-03-16');

      // someone else marks it implemented while the dialog is open: the stale transition is refused, the list
      // shows what is stored
      await move.click();
      await dialog.waitFor();
      await settle(page);
      const other = await apiLogin('caicach');
      const elsewhere = await other.send(
        'POST',
        `/api/v1/simplification-plans/${id}/transitions`,
        { to: 'IMPLEMENTED' },
        { 'if-match': `"${approved.version}"` },
      );
      assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.json));
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await dialog
        .getByRole('alert')
        .getByText('Phương án đã được người khác sửa. Dữ liệu mới nhất đã được tải lại.')
        .waitFor();
      await row.getByText('Đã thực hiện', { exact: true }).waitFor();
      const after = await storedPlan();
      assert.equal(after.status, 'IMPLEMENTED');
      assert.equal(after.version, approved.version + 1, 'the refused transition stored nothing');
      // the dialog now holds the stored plan: implemented, nothing further to choose
      await dialog
        .getByText('Phương án đang ở trạng thái «Đã thực hiện»: không còn trạng thái nào để chuyển sang.')
        .waitFor();
      assert.ok(await dialog.getByRole('button', { name: 'Lưu' }).isDisabled(), 'no transition to save');
      await dialog.getByRole('button', { name: 'Hủy' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.ok(await move.isDisabled(), 'an implemented plan has no further state');
      assert.deepEqual(page.problems, []);
      await page.context().close();
    },
  );

  test(
    'delegate a procedure (admin): required fields, bad dates and self-delegation are refused, create then edit',
    { timeout: 180_000 },
    async () => {
      const admin = await apiLogin('admin');
      const CENTRE = 'Trung tâm Phục vụ hành chính công thành phố Hà Nội';
      const centre = ((await admin.get(`/api/v1/units?q=${encodeURIComponent(CENTRE)}&limit=5`)).items as Json[]).find(
        (u) => u.name === CENTRE,
      );
      assert.ok(centre, 'the city service centre');
      // a province-level procedure handled at the centre and at a department, not delegated yet
      const list = await publicGet(`/api/v1/procedures?level=PROVINCE&unitId=${centre.id}&limit=50`);
      let procedure: Json | undefined;
      let department: Json | undefined;
      for (const s of list.items as Json[]) {
        const p = await publicGet(`/api/v1/procedures/${s.code}`);
        department = (p.units as Json[]).find((u) => u.name.startsWith('Sở '));
        if (department && p.delegations.length === 0) {
          procedure = p;
          break;
        }
      }
      assert.ok(procedure && department, 'a procedure of the centre and a department without delegation');
      const code = procedure.code as string;
      const delegations = async () => (await publicGet(`/api/v1/procedures/${code}/delegations`)).items as Json[];
      const decisionNo = `${base}/QĐ-UBND`;

      const page = await newPage(browser);
      page.setDefaultTimeout(30_000);
      await login(page, 'admin');
      const writes = trackWrites(page);
      await page.goto(url(`/quan-tri/thu-tuc/${code}`));
      await page.getByRole('heading', { level: 1, name: new RegExp(code.replace('.', '\\.')) }).waitFor();
      await page.getByRole('tab', { name: 'Ủy quyền, phân cấp' }).click();
      await page.getByText('Thủ tục chưa có ủy quyền hoặc phân cấp nào.').waitFor();
      await page.getByRole('button', { name: 'Thêm ủy quyền / phân cấp' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ủy quyền / phân cấp giải quyết thủ tục' });
      await dialog.waitFor();
      await settle(page);
      assert.ok(await dialog.getByRole('radio', { name: 'Ủy quyền' }).isChecked(), 'ủy quyền by default');

      // nothing filled in: the required fields say so, nothing is sent
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await formItem(dialog, 'Đơn vị được giao').getByText('Vui lòng nhập Đơn vị được giao.').waitFor();
      await formItem(dialog, 'Số quyết định').getByText('Vui lòng nhập Số quyết định.').waitFor();
      assert.deepEqual(writes, [], 'a form refused in the browser sends nothing');

      // the centre delegating to itself: refused by the server, on the field
      await dialog.getByRole('radio', { name: 'Phân cấp' }).check();
      await searchSelect(page, dialog, 'Đơn vị được giao', 'Trung tâm Phục vụ', centre.code as string);
      await searchSelect(page, dialog, 'Đơn vị ủy quyền / phân cấp', 'Trung tâm Phục vụ', centre.code as string);
      await dialog.getByLabel('Số quyết định').fill(decisionNo);
      await fillPicker(page, 'Ngày quyết định', '20/02/2026', dialog);
      await fillPicker(page, 'Hiệu lực từ ngày', '01/03/2026', dialog);
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await formItem(dialog, 'Đơn vị ủy quyền / phân cấp')
        .getByText('Đơn vị không thể tự ủy quyền cho chính mình.')
        .waitFor();
      await dialog.getByRole('alert').waitFor();
      assert.deepEqual(await delegations(), [], 'a refused delegation is not stored');

      // from the department, but ending before it starts: refused by the server, on the field
      await searchSelect(page, dialog, 'Đơn vị ủy quyền / phân cấp', department.name as string, department.code);
      await fillPicker(page, 'Hiệu lực đến ngày', '28/02/2026', dialog);
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await formItem(dialog, 'Hiệu lực đến ngày')
        .getByText('Ngày hết hiệu lực phải sau hoặc bằng ngày có hiệu lực.')
        .waitFor();
      // the error of the previous try is gone once the unit is fixed (after its leave motion)
      await formItem(dialog, 'Đơn vị ủy quyền / phân cấp')
        .getByText('Đơn vị không thể tự ủy quyền cho chính mình.')
        .waitFor({ state: 'detached', timeout: 5_000 });
      assert.deepEqual(await delegations(), [], 'a refused delegation is not stored');
      await assertAccessible(page, 'delegation dialog with errors');
      await screenshot(page, `${PREFIX}-delegation-error`);

      // until the end of the year: stored and listed
      await fillPicker(page, 'Hiệu lực đến ngày', '31/12/2026', dialog);
      await dialog.getByLabel('Phạm vi').fill('Phân cấp cho Trung tâm giải quyết trên địa bàn thành phố');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText(`Đã ghi nhận Phân cấp theo quyết định ${decisionNo}.`).waitFor();
      await dialog.waitFor({ state: 'detached' });
      const row = page.locator('.ant-table-row', { hasText: decisionNo });
      for (const text of ['Phân cấp', CENTRE, department.name as string, '20/02/2026', '01/03/2026 – 31/12/2026'])
        await row.getByText(text, { exact: true }).waitFor();
      const [created, ...more] = await delegations();
      assert.equal(more.length, 0);
      assert.ok(created);
      assert.deepEqual(
        {
          kind: created.kind,
          unitId: created.unitId,
          fromUnitId: created.fromUnitId,
          decisionNo: created.decisionNo,
          decisionDate: created.decisionDate,
          effectiveFrom: created.effectiveFrom,
          effectiveTo: created.effectiveTo,
        },
        {
          kind: 'DECENTRALISATION',
          unitId: centre.id,
          fromUnitId: department.id,
          decisionNo,
          decisionDate: '2026-02-20',
          effectiveFrom: '2026-03-01',
          effectiveTo: '2026-12-31',
        },
      );

      // edit: extended to mid-2027; the unit given the procedure is fixed
      await row.getByRole('button', { name: `Sửa ủy quyền theo quyết định ${decisionNo}` }).click();
      const edit = page.getByRole('dialog', { name: 'Sửa ủy quyền / phân cấp' });
      await edit.waitFor();
      await settle(page);
      assert.ok(await edit.getByLabel('Đơn vị được giao').isDisabled(), 'the delegated unit cannot be changed');
      await formItem(edit, 'Đơn vị được giao').getByText(CENTRE).waitFor();
      await formItem(edit, 'Đơn vị ủy quyền / phân cấp')
        .getByText(department.name as string)
        .waitFor();
      assert.equal(await edit.getByLabel('Hiệu lực từ ngày').inputValue(), '01/03/2026');
      assert.equal(await edit.getByLabel('Hiệu lực đến ngày').inputValue(), '31/12/2026');
      await fillPicker(page, 'Hiệu lực đến ngày', '30/06/2027', edit);
      await assertAccessible(page, 'edit delegation dialog');
      await screenshot(page, `${PREFIX}-delegation-edit`);
      await edit.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã lưu ủy quyền / phân cấp.').waitFor();
      await edit.waitFor({ state: 'detached' });
      await row.getByText('01/03/2026 – 30/06/2027', { exact: true }).waitFor();
      const [saved] = await delegations();
      assert.equal(saved?.id, created.id);
      assert.equal(saved?.version, created.version + 1);
      assert.equal(saved?.effectiveTo, '2027-06-30');
      assert.equal(saved?.unitId, centre.id);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    },
  );
});
