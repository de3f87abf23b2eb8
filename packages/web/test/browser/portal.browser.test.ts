/**
 * Browser test of the public portal (/dich-vu-cong): procedure search (accent-insensitive), procedure page,
 * due-date tool, and the admin working-calendar page. axe-core serious/critical = failure.
 *
 *   MOTCUA_BASE_URL=http://127.0.0.1:3000 node --import tsx --test packages/web/test/browser/portal.browser.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import {
  BASE_URL,
  RESULTS_DIR,
  assertAccessible,
  fillPicker,
  launch,
  login,
  newPage,
  screenshot,
  searchSelect,
  selectOption,
  settle,
  url,
  waitForTitle,
} from './browser';

const PREFIX = 'portal';

describe('public portal', { skip: BASE_URL ? false : 'MOTCUA_BASE_URL is not set' }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('anonymous: search "dang ky khai sinh", procedure page, due-date tool', async () => {
    const page = await newPage(browser);
    await page.goto(url('/dang-nhap'));
    await page.getByRole('link', { name: /Cổng dịch vụ công/ }).click();
    await page.waitForURL((u) => u.pathname === '/dich-vu-cong');
    await page.getByRole('banner').getByText('Cổng dịch vụ công — motcua').waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Đăng nhập cán bộ' }).waitFor();
    await page.getByRole('contentinfo').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Cổng dịch vụ công' }).waitFor();
    await assertAccessible(page, 'portal home');
    await screenshot(page, `${PREFIX}-home`);

    // Search without diacritics from the home page.
    const q = page.getByLabel('Tìm thủ tục hành chính', { exact: true }).and(page.locator('input'));
    await q.fill('dang ky khai sinh');
    await q.press('Enter');
    await page.waitForURL((u) => u.pathname === '/dich-vu-cong/thu-tuc');
    await waitForTitle(page, 'Thủ tục hành chính');
    const results = page.getByTestId('procedure-results');
    const first = results.getByRole('link', { name: /đăng ký khai sinh/i }).first();
    await first.waitFor();
    await page.getByLabel('Lĩnh vực', { exact: true }).waitFor();
    await page.getByLabel('Cấp thực hiện', { exact: true }).waitFor();
    await page.getByLabel('Mức độ trực tuyến', { exact: true }).waitFor();
    await assertAccessible(page, 'procedure search');
    await screenshot(page, `${PREFIX}-search`);

    const name = (await first.innerText()).trim();
    await first.click();
    await page.waitForURL((u) => /^\/dich-vu-cong\/thu-tuc\/\d\.\d{6}$/.test(u.pathname));
    const code = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor();
    await page.getByRole('columnheader', { name: 'Tên giấy tờ' }).first().waitFor();
    await page.getByRole('columnheader', { name: 'Thời hạn giải quyết' }).waitFor();
    const timeCells = page.getByRole('heading', { name: 'Cách thức thực hiện, thời hạn và lệ phí' });
    await timeCells.waitFor();
    assert.ok((await page.getByRole('cell', { name: 'Trực tiếp' }).count()) > 0, 'a counter channel row');
    await page.getByText(code, { exact: true }).first().waitFor();
    await assertAccessible(page, 'procedure page');
    await screenshot(page, `${PREFIX}-procedure`);

    // Online submission: an anonymous visitor is asked to sign in, the procedure kept.
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.waitForURL((u) => u.pathname === `/dich-vu-cong/nop-truc-tuyen/${code}`);
    await page.getByTestId('sign-in-prompt').waitFor();
    await page.getByTestId('submit-procedure').getByText(code, { exact: false }).waitFor();
    await assertAccessible(page, 'online submission sign-in prompt');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name }).waitFor();

    // The due-date tool, prefilled from the procedure.
    await page.getByRole('main').getByRole('link', { name: 'Khi nào có kết quả?' }).click();
    await page.waitForURL((u) => u.pathname === '/dich-vu-cong/thoi-han' && u.searchParams.get('thuTuc') === code);
    await page.getByText(`Theo thủ tục: ${name} (${code})`).waitFor();
    await fillPicker(page, 'Thời điểm nộp hồ sơ', '25/04/2026 09:40');
    const amount = page.getByLabel('Thời hạn giải quyết', { exact: true });
    await amount.fill('5');
    await selectOption(page, 'Đơn vị thời hạn', 'ngày làm việc');
    await page.getByRole('button', { name: 'Tính hạn trả kết quả' }).click();
    const due = page.getByTestId('due-at');
    await due.waitFor();
    assert.equal((await page.getByTestId('due-submitted').innerText()).trim(), 'Thứ Bảy, 25/04/2026 09:40');
    const dueText = (await due.innerText()).trim();
    assert.match(dueText, /^(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật), \d{2}\/\d{2}\/2026 \d{2}:\d{2}$/);
    const explanation = await page.getByTestId('due-explanation').innerText();
    assert.match(explanation, /thứ Bảy 25\/04\/2026/);
    assert.match(explanation, /30\/04 và 01\/05 là ngày nghỉ lễ/);
    assert.match(explanation, /Hạn trả:/);
    // 5 working days from Saturday 25/04/2026: 27/04 compensatory, 30/04 + 01/05 holidays → Thursday 07/05.
    assert.match(dueText, /07\/05\/2026/);
    await assertAccessible(page, 'due-date tool with result');
    await screenshot(page, `${PREFIX}-due`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('portal in English and the citizen menu entry', async () => {
    const page = await newPage(browser);
    await login(page, 'congdan');
    const entry = page.getByRole('navigation').getByText('Dịch vụ công');
    await entry.click();
    await page.waitForURL((u) => u.pathname === '/dich-vu-cong');
    await page.getByRole('banner').getByRole('link', { name: 'Trang làm việc' }).waitFor();
    await selectOption(page, 'Ngôn ngữ', 'English');
    await page.getByRole('heading', { level: 1, name: 'Public service portal' }).waitFor();
    await page.goto(url('/dich-vu-cong/thoi-han'));
    await page.getByRole('heading', { level: 1, name: 'When will my result be ready?' }).waitFor();
    await settle(page);
    await assertAccessible(page, 'due tool (English)');
    await screenshot(page, `${PREFIX}-due-en`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test('admin: calendar 2026, local closure with legal basis, confirm a proposal', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.getByRole('navigation').getByText('Lịch làm việc').click();
    await page.waitForURL((u) => u.pathname === '/quan-tri/lich-lam-viec');
    await waitForTitle(page, 'Lịch làm việc');
    const yearInput = page.getByLabel('Năm', { exact: true });
    await yearInput.fill('2026');
    await yearInput.press('Enter');
    await page.getByTestId('calendar-summary').getByText('Năm 2026').waitFor();
    const day = (date: string) => page.locator(`.cal-day[data-date="${date}"]`);
    await day('2026-02-17').waitFor();
    assert.equal(await day('2026-02-17').getAttribute('data-kind'), 'PUBLIC_HOLIDAY');
    assert.match((await day('2026-02-17').getAttribute('title')) ?? '', /Tết/);
    assert.equal(await day('2026-11-24').getAttribute('data-kind'), 'PUBLIC_HOLIDAY');
    assert.match((await day('2026-11-24').getAttribute('title')) ?? '', /Văn hóa Việt Nam/);
    assert.equal(await day('2026-01-10').getAttribute('data-kind'), 'SWAP_WORKDAY');
    assert.equal(await day('2026-03-07').getAttribute('data-kind'), 'WEEKEND');
    await page.getByRole('list', { name: 'Chú giải' }).getByText('Tạm ngừng tiếp nhận (địa phương)').waitFor();
    await assertAccessible(page, 'calendar page 2026');
    await screenshot(page, `${PREFIX}-calendar-2026`);
    await page.getByTestId('calendar-year').screenshot({ path: `${RESULTS_DIR}/${PREFIX}-calendar-2026-grid.png` });

    // A local closure for one unit, with its legal basis.
    const name = 'Tạm ngừng tiếp nhận hồ sơ để chuyển trụ sở (kiểm thử)';
    await page.getByRole('button', { name: 'Thêm ngày' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm ngày nghỉ / ngày làm bù' });
    await dialog.getByLabel('Tên / lý do', { exact: true }).waitFor();
    await settle(page);
    await fillPicker(page, 'Ngày', '16/03/2026', dialog);
    await dialog.getByLabel('Tên / lý do', { exact: true }).fill(name);
    await searchSelect(page, dialog, 'Đơn vị áp dụng', 'Mê Linh', /Mê Linh/, { multiple: true });
    await dialog.getByLabel('Số hiệu văn bản', { exact: true }).fill('15/TB-UBND');
    await fillPicker(page, 'Ngày văn bản', '10/03/2026', dialog);
    await dialog.getByLabel('Lý do thay đổi (ghi vào nhật ký)', { exact: true }).fill('Theo thông báo của UBND xã');
    await assertAccessible(page, 'calendar entry form');
    await screenshot(page, `${PREFIX}-calendar-entry-form`);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-row').filter({ hasText: name });
    await row.waitFor();
    assert.match(await row.innerText(), /16\/03\/2026/);
    assert.match(await row.innerText(), /15\/TB-UBND, 10\/03\/2026/);
    assert.match(await row.innerText(), /Tạm ngừng tiếp nhận/);
    // Viewed as that unit, the day is marked in the year grid.
    await searchSelect(page, page.locator('.toolbar'), 'Xem theo đơn vị', 'Mê Linh', /Mê Linh/);
    await page.waitForFunction(
      () => document.querySelector('.cal-day[data-date="2026-03-16"]')?.getAttribute('data-kind') === 'LOCAL_CLOSURE',
    );
    await screenshot(page, `${PREFIX}-calendar-unit`);

    // Confirm an unconfirmed proposal, if the data has one.
    const proposals = page.getByTestId('calendar-proposals');
    if (await proposals.count()) {
      const item = proposals.getByRole('listitem').first();
      const date = (await item.locator('strong').innerText()).trim();
      await item.getByRole('button', { name: 'Xác nhận' }).click();
      const confirm = page.getByRole('dialog', { name: /Xác nhận đề xuất/ });
      await confirm.getByLabel('Số hiệu văn bản', { exact: true }).waitFor();
      await settle(page);
      await confirm.getByLabel('Số hiệu văn bản', { exact: true }).fill('1234/TB-BNV');
      await fillPicker(page, 'Ngày văn bản', '01/10/2026', confirm);
      await confirm
        .getByLabel('Lý do thay đổi (ghi vào nhật ký)', { exact: true })
        .fill('Thủ tướng đã đồng ý hoán đổi');
      await assertAccessible(page, 'confirm proposal dialog');
      await confirm.getByRole('button', { name: 'Xác nhận' }).click();
      await confirm.waitFor({ state: 'hidden' });
      const [d, m, y] = date.split('/');
      await page.waitForFunction((iso) => {
        const el = document.querySelector(`.cal-day[data-date="${iso}"]`);
        return !!el && !el.classList.contains('proposal') && el.getAttribute('data-kind') !== 'WEEKEND';
      }, `${y}-${m}-${d}`);
      await screenshot(page, `${PREFIX}-calendar-confirmed`);
    } else console.log('note: no unconfirmed proposal in 2026');

    // Clean up the closure (delete needs a reason and If-Match).
    await row.getByRole('button', { name: 'Xóa ngày 16/03/2026' }).click();
    const del = page.getByRole('dialog', { name: /Xóa ngày 16\/03\/2026/ });
    await del.getByLabel('Lý do thay đổi (ghi vào nhật ký)', { exact: true }).fill('Dữ liệu kiểm thử');
    await del.getByRole('button', { name: 'Xóa' }).click();
    await del.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
