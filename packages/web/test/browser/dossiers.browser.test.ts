/**
 * Browser test of the officer workspace: the counter officer receives a dossier at the counter mostly with the
 * keyboard (missing required paper refused by the server and shown on the checklist), prints the receipt slip,
 * uploads a scan; the specialist and the leader process it on the dossier page (assign → start → hand off →
 * assign leader → start → resolve with a result file), a stale page gets the version conflict; the counter
 * delivers it. Also: an online submission received from the "online" tab. axe-core on every page, screenshots.
 *
 *   MOTCUA_BASE_URL=http://127.0.0.1:3000 node --import tsx --test packages/web/test/browser/dossiers.browser.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  BASE_URL,
  DEMO_PASSWORD,
  assertAccessible,
  launch,
  login,
  newPage,
  screenshot,
  settle,
  url,
  waitForTitle,
  type TrackedPage,
} from './browser';
import {
  act,
  confirmOnlineReception,
  fillAssign,
  fillResolve,
  gotoOnlineTab,
  grantUnitId,
  openOnlineReception,
  openPdfLink,
  pdfFile,
  status,
  tag,
} from './flows';

const PREFIX = 'dossiers';
// "Gia hạn tạm trú" (1.002755) at Xã Mê Linh: 3 working days, 7 papers of which one is required (the 7th),
// an approved internal process of 4 steps (counter, specialist, leader, counter) in the demo data.
const PROCEDURE = '1.002755';
const SEARCH = 'gia han tam tru';
const APPLICANT = `Phạm Thị Thu ${tag()}`;

async function focused(page: Page, selector: string) {
  try {
    await page.waitForFunction((s) => !!document.activeElement?.matches(s), selector, { timeout: 10_000 });
  } catch (e) {
    const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 300));
    throw new Error(`focus is not on ${selector} but on ${active}`, { cause: e });
  }
}

describe('officer workspace', { skip: BASE_URL ? false : 'MOTCUA_BASE_URL is not set' }, () => {
  let browser: Browser;
  const pages: TrackedPage[] = [];
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  const open = async (username: string) => {
    const page = await newPage(browser);
    page.setDefaultTimeout(20_000);
    pages.push(page);
    await login(page, username);
    return page;
  };

  test('counter reception (keyboard) → specialist → leader → delivery', { timeout: 300_000 }, async () => {
    // --- counter officer: reception --------------------------------------------------------------------
    const counter = await open('tiepnhan');
    const nav = counter.getByRole('navigation');
    await nav.getByText('Hồ sơ của đơn vị').waitFor();
    assert.equal(await nav.getByText('Hồ sơ của tôi').count(), 0, 'no "my dossiers" entry for the counter');
    await nav.getByText('Tiếp nhận hồ sơ').click();
    await counter.waitForURL((u) => u.pathname === '/ho-so/tiep-nhan');
    await waitForTitle(counter, 'Tiếp nhận hồ sơ');

    // the procedure field has the focus; an unaccented search finds the procedure; Enter picks it
    await focused(counter, 'input[role=combobox]');
    await counter.keyboard.type(SEARCH, { delay: 15 });
    const option = counter.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await option.filter({ hasText: 'Gia hạn tạm trú' }).waitFor();
    assert.match(await option.innerText(), new RegExp(PROCEDURE.replace('.', '\\.')));
    await counter.keyboard.press('Enter');
    await counter
      .getByTestId('procedure-facts')
      .getByText(/3 ngày làm việc/)
      .waitFor();
    // …and the focus moves on to the checklist
    await focused(counter, 'input[data-paper-index="0"]');
    const required = counter.getByRole('checkbox', { name: /Bắt buộc/ });
    assert.equal(await required.count(), 1, 'one required paper, marked in words');
    await settle(counter);
    await assertAccessible(counter, 'reception form');
    await screenshot(counter, `${PREFIX}-reception-form`);

    // Enter walks through the 7 papers and the applicant type to the name; type the applicant
    for (let i = 0; i < 8; i++) await counter.keyboard.press('Enter');
    await focused(counter, '#counter-reception_applicant_name');
    await counter.keyboard.type(APPLICANT);
    await counter.keyboard.press('Enter');
    await focused(counter, '#counter-reception_applicant_phone');
    await counter.keyboard.type('0912 345 678');
    await counter.keyboard.press('Enter');
    await counter.keyboard.type('001190012345');
    await counter.keyboard.press('Enter');
    await counter.keyboard.type('15/03/1990');
    await counter.keyboard.press('Enter');
    await focused(counter, '#counter-reception_applicant_email');
    // Ctrl+Enter without the required paper: the server refuses, the checklist shows it, focus goes there
    await counter.keyboard.press('Control+Enter');
    await counter.getByRole('alert').filter({ hasText: 'thiếu thành phần bắt buộc' }).first().waitFor();
    await counter.locator('.ds-paper-invalid').waitFor();
    await focused(counter, 'input[data-paper-index="6"]');
    await settle(counter);
    await assertAccessible(counter, 'reception with missing paper');
    await screenshot(counter, `${PREFIX}-reception-missing-paper`);
    await counter.keyboard.press('Space');
    await counter.keyboard.press('Control+Enter');

    await counter.getByText('Đã tiếp nhận hồ sơ').waitFor();
    const code = (await counter.getByTestId('dossier-code').innerText()).trim();
    assert.match(code, /^000\.00\.L7\.H26-\d{6}-\d{4}$/);
    assert.match(await counter.getByTestId('appointment').innerText(), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const slip = await openPdfLink(counter, counter.getByRole('link', { name: 'In giấy tiếp nhận' }));
    assert.match(slip, /\/forms\/receipt-slip\?format=pdf$/);
    // a scan of the papers, uploaded after reception
    await counter.getByLabel('Chọn tệp để tải lên').setInputFiles(pdfFile('to-khai-CT01.pdf'));
    await counter.getByText('Đã tải lên «to-khai-CT01.pdf»').waitFor();
    await counter.getByRole('cell', { name: 'to-khai-CT01.pdf' }).waitFor();
    await settle(counter);
    await assertAccessible(counter, 'reception done');
    await screenshot(counter, `${PREFIX}-reception-done`);

    // the dossier page; the counter assigns the specialist step (defaults: next step, its role's officer)
    await counter.getByRole('button', { name: 'Mở hồ sơ' }).click();
    await counter.waitForURL((u) => /^\/ho-so\/[0-9a-f-]{36}$/.test(u.pathname));
    const dossierUrl = counter.url();
    await counter.getByTestId('dossier-code').getByText(code).waitFor();
    await status(counter, 'Đã tiếp nhận');
    await counter.getByRole('cell', { name: 'to-khai-CT01.pdf' }).waitFor();
    await assertAccessible(counter, 'dossier page (received)');
    await screenshot(counter, `${PREFIX}-page-received`);
    await act(counter, 'Phân công', async (dialog) => {
      await dialog.getByText('Thẩm định hồ sơ, dự thảo kết quả').waitFor();
      await dialog.getByText(/Trần Văn Minh/).waitFor();
      await assertAccessible(counter, 'assign dialog');
      await screenshot(counter, `${PREFIX}-assign`);
    });
    await status(counter, 'Đã phân công');

    // --- specialist: my queue, start, hand off, assign the leader ---------------------------------------
    const specialist = await open('chuyenvien');
    await specialist.getByRole('navigation').getByText('Hồ sơ của tôi').click();
    await specialist.waitForURL((u) => u.pathname === '/ho-so/cua-toi');
    const row = specialist.locator('.ant-table-row', { hasText: code });
    await row.waitFor();
    await row.getByText(/giờ làm việc/).waitFor();
    assert.match((await row.getAttribute('class')) ?? '', /ds-row-(ok|soon|overdue)/);
    await assertAccessible(specialist, 'my dossiers (specialist)');
    await screenshot(specialist, `${PREFIX}-mine-specialist`);
    await row.getByRole('link', { name: `Mở hồ sơ ${code}` }).click();
    await status(specialist, 'Đã phân công');
    // a second tab showing the same version, to be overtaken
    const stale = (await specialist.context().newPage()) as TrackedPage;
    stale.problems = [];
    stale.on('pageerror', (e) => stale.problems.push(`pageerror: ${e.message}`));
    pages.push(stale);
    await stale.goto(dossierUrl);
    await status(stale, 'Đã phân công');

    await act(specialist, 'Bắt đầu xử lý');
    await status(specialist, 'Đang xử lý');
    // the stale tab acts on the old version: 409, the message, and the page reloads
    await stale.getByRole('group', { name: 'Thao tác' }).getByRole('button', { name: 'Bắt đầu xử lý' }).click();
    const staleDialog = stale.getByRole('dialog', { name: /^Bắt đầu xử lý — / });
    await staleDialog.getByRole('button', { name: 'Bắt đầu xử lý', exact: true }).click();
    await stale.getByText(/Hồ sơ vừa được người khác cập nhật/).waitFor();
    await status(stale, 'Đang xử lý');
    await screenshot(stale, `${PREFIX}-conflict`);
    await stale.close();

    await act(specialist, 'Chuyển bước tiếp theo', async (dialog) => {
      await dialog.getByLabel('Ghi chú').fill('Hồ sơ đủ điều kiện, đề nghị lãnh đạo ký duyệt.');
    });
    await status(specialist, 'Đã chuyển bước');
    await act(specialist, 'Phân công', async (dialog) => {
      await fillAssign(specialist, dialog, {
        step: 'Lãnh đạo UBND xã ký duyệt',
        stepName: 'Lãnh đạo UBND xã ký duyệt',
        hours: 8,
        assignee: /Lê Quang Dũng/,
      });
    });
    await status(specialist, 'Đã phân công');
    const sheet = specialist.getByRole('table', { name: 'Phiếu kiểm soát quá trình giải quyết' });
    await sheet.getByRole('cell', { name: 'Lãnh đạo UBND xã ký duyệt' }).waitFor();
    await sheet
      .getByRole('cell', { name: /Trước hạn|Đúng hạn|Quá hạn/ })
      .first()
      .waitFor();
    await assertAccessible(specialist, 'dossier page (specialist)');
    await screenshot(specialist, `${PREFIX}-page-specialist`);

    // --- leader: queue with quick approval, unit list, early warning; start and resolve -------------------
    const leader = await open('lanhdao');
    const leaderNav = leader.getByRole('navigation');
    await leaderNav.getByText('Cảnh báo sắp đến hạn').waitFor();
    await leaderNav.getByText('Hồ sơ của tôi').click();
    const leaderRow = leader.locator('.ant-table-row', { hasText: code });
    await leaderRow.getByRole('button', { name: `Duyệt nhanh hồ sơ ${code}` }).waitFor();
    await assertAccessible(leader, 'my dossiers (leader)');
    await screenshot(leader, `${PREFIX}-mine-leader`);
    await leaderNav.getByText('Hồ sơ của đơn vị').click();
    await leader.waitForURL((u) => u.pathname === '/ho-so/don-vi');
    await leader.locator('.ant-table-row', { hasText: code }).waitFor();
    await assertAccessible(leader, 'unit dossiers');
    await screenshot(leader, `${PREFIX}-unit`);
    await leaderNav.getByText('Cảnh báo sắp đến hạn').click();
    await leader.waitForURL((u) => u.pathname === '/ho-so/canh-bao');
    const hours = leader.getByLabel('Đến hạn trong vòng');
    await hours.fill('40');
    await hours.press('Enter');
    await leader.waitForURL((u) => u.searchParams.get('gio') === '40');
    await leader.locator('.ant-table-row', { hasText: code }).waitFor();
    await assertAccessible(leader, 'early warning');
    await screenshot(leader, `${PREFIX}-warning`);

    await leader.goto(dossierUrl);
    await status(leader, 'Đã phân công');
    await act(leader, 'Bắt đầu xử lý');
    await status(leader, 'Đang xử lý');
    await act(leader, 'Phê duyệt kết quả', async (dialog) => {
      await fillResolve(dialog, {
        resultNumber: '15/XN-UBND',
        signer: 'Lê Quang Dũng',
        capacity: 'Chủ tịch',
        file: 'ket-qua-15.pdf',
      });
      await assertAccessible(leader, 'resolve dialog');
      await screenshot(leader, `${PREFIX}-resolve`);
    });
    await status(leader, 'Đã có kết quả (chờ trả)');
    await leader.getByRole('link', { name: 'Tệp kết quả' }).waitFor();
    await leader.getByRole('cell', { name: 'ket-qua-15.pdf' }).waitFor();
    await screenshot(leader, `${PREFIX}-page-resolved`);

    // --- counter: find it in the unit list, deliver ------------------------------------------------------
    await counter.getByRole('navigation').getByText('Hồ sơ của đơn vị').click();
    await counter.waitForURL((u) => u.pathname === '/ho-so/don-vi');
    const search = counter.getByLabel('Tìm hồ sơ');
    await search.fill(code);
    await search.press('Enter');
    const counterRow = counter.locator('.ant-table-row', { hasText: code });
    await counterRow.getByText('Đã có kết quả (chờ trả)').waitFor();
    await counterRow.getByRole('link', { name: `Mở hồ sơ ${code}` }).click();
    await status(counter, 'Đã có kết quả (chờ trả)');
    await act(counter, 'Trả kết quả', async (dialog) => {
      assert.equal(await dialog.getByLabel('Họ tên người nhận').inputValue(), APPLICANT);
    });
    await status(counter, 'Đã trả kết quả');
    await counter.getByRole('link', { name: 'In phiếu kiểm soát' }).waitFor();
    const log = counter.locator('.ant-timeline');
    for (const a of [
      'Tiếp nhận',
      'Phân công',
      'Bắt đầu xử lý',
      'Chuyển bước tiếp theo',
      'Phê duyệt kết quả',
      'Trả kết quả',
    ])
      await log.getByText(a, { exact: true }).first().waitFor();
    await assertAccessible(counter, 'dossier page (delivered)');
    await screenshot(counter, `${PREFIX}-page-delivered`);

    // --- counter: the unit list shows what is in progress; a search still finds the delivered dossier ------
    await counter.getByRole('navigation').getByText('Hồ sơ của đơn vị').click();
    await counter.waitForURL((u) => u.pathname === '/ho-so/don-vi' && !u.searchParams.has('q'));
    await counter.getByText('Đang giải quyết (mọi trạng thái chưa kết thúc)').waitFor();
    // the count line replaces "Đang tải…" once the list has loaded
    await counter.getByText(/^\d+ hồ sơ\+?$/).waitFor();
    await counter.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    assert.equal(
      await counter.locator('.ant-table-row', { hasText: code }).count(),
      0,
      'a delivered dossier is not in the default list',
    );
    await search.fill(code);
    await search.press('Enter');
    await counter.locator('.ant-table-row', { hasText: code }).getByText('Đã trả kết quả', { exact: true }).waitFor();

    for (const p of pages) assert.deepEqual(p.problems, [], 'no page errors or CSP violations');
    for (const p of [counter, specialist, leader]) await p.context().close();
  });

  test('an online submission received from the online tab', { timeout: 120_000 }, async () => {
    // the citizen submits through the API (the portal form is another page's business)
    const citizen = await browser.newContext();
    const login_ = await citizen.request.post(url('/api/v1/auth/login'), {
      data: { username: 'congdan', password: DEMO_PASSWORD },
    });
    assert.equal(login_.status(), 200);
    const { csrfToken } = (await login_.json()) as { csrfToken: string };
    const me = (await (await citizen.request.get(url('/api/v1/auth/me'))).json()) as { user: { id: string } };
    assert.ok(me.user.id);
    const counter = await open('tiepnhan');
    const unitId = await grantUnitId(counter, 'COUNTER_OFFICER');
    const name = `Đỗ Văn Trực ${tag()}`;
    const submitted = await citizen.request.post(url('/api/v1/me/dossiers'), {
      data: { unitId, procedureCode: PROCEDURE, applicant: { name, phone: '0987 000 111' } },
      headers: { 'x-csrf-token': csrfToken, 'idempotency-key': crypto.randomUUID() },
    });
    assert.equal(submitted.status(), 201, await submitted.text());
    await citizen.close();

    await gotoOnlineTab(counter);
    await counter.locator('.ant-table-row', { hasText: name }).waitFor();
    await assertAccessible(counter, 'online submissions');
    await screenshot(counter, `${PREFIX}-online`);
    const dialog = await openOnlineReception(counter, name);
    await assertAccessible(counter, 'online receive dialog');
    await screenshot(counter, `${PREFIX}-online-receive`);
    await confirmOnlineReception(counter, dialog, name);
    assert.deepEqual(counter.problems, []);
    await counter.context().close();
  });
});
