/**
 * Browser test of the public portal (/dich-vu-cong): procedure search (accent-insensitive), procedure page,
 * due-date tool, and the admin working-calendar page. axe-core serious/critical = failure.
 *
 *   MOTCUA_BASE_URL=http://127.0.0.1:3000 node --import tsx --test packages/web/test/browser/portal.browser.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { BASE_URL, assertAccessible, launch, login, newPage, screenshot, selectOption, settle, url, waitForTitle } from './browser';

const PREFIX = 'portal';

/** Types a dd/MM/yyyy[ HH:mm] value into an antd DatePicker and closes its popup. */
async function fillPicker(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.keyboard.press('Escape');
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
}

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

    // Online submission: a clear "not yet" page keeping the code.
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.waitForURL((u) => u.pathname === `/dich-vu-cong/nop-truc-tuyen/${code}`);
    await page.getByText('Chức năng nộp hồ sơ trực tuyến đang được xây dựng.').waitFor();
    await page.getByTestId('submit-procedure').getByText(code, { exact: false }).waitFor();
    await assertAccessible(page, 'online submission placeholder');
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
});
