/**
 * Steps of the dossier flows shared by the browser tests: the citizen's online submission, the officers'
 * actions on the dossier page, the online reception, the printed forms, public tracking and rating.
 * Each helper stops where a test may want to check the page (axe, screenshot) before going on.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { fillLoginForm, url } from './browser';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A minimal valid PDF (detected by content as application/pdf). */
export const pdf = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n% ${title}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );

/** A file for `setInputFiles`. */
export const pdfFile = (name: string) => ({ name, mimeType: 'application/pdf', buffer: pdf(name) });

/** A short random suffix keeping names apart from the other tests' dossiers on the same server. */
export const tag = (): number => Math.floor(Math.random() * 9000 + 1000);

// --- the catalog -----------------------------------------------------------------------------------------

/** A procedure of the unit offered online, with a time limit in working days and few papers (public API). */
export async function findOnlineProcedure(unitId: string): Promise<Json> {
  let cursor: string | null = null;
  for (let page = 0; page < 10; page++) {
    const q = new URLSearchParams({ unitId, limit: '100', ...(cursor ? { cursor } : {}) });
    const list = (await (await fetch(url(`/api/v1/procedures?${q}`))).json()) as Json;
    for (const s of list.items as Json[]) {
      const p = (await (await fetch(url(`/api/v1/procedures/${s.code}`))).json()) as Json;
      const online = (p.methods as Json[]).find((m) => m.channel === 'online');
      if (
        p.channels.includes('online') &&
        online?.time?.unit === 'working_days' &&
        online.time.value >= 3 &&
        p.documents.length >= 1 &&
        p.documents.length <= 3 &&
        (p.units as Json[]).some((u) => u.id === unitId)
      )
        return p;
    }
    cursor = list.nextCursor;
    if (!cursor) break;
  }
  throw new Error('no procedure offered online at the unit');
}

/** Indexes of the procedure's required papers (outside any alternative group). */
export const requiredPapers = (procedure: Json): number[] =>
  (procedure.documents as Json[]).map((d, i) => (d.group === null ? i : -1)).filter((i) => i >= 0);

/** The unit of the signed-in officer's grant with `role`, as the app reads it (GET /auth/me). */
export async function grantUnitId(page: Page, role: string): Promise<string> {
  const unitId = await page.evaluate(async (r) => {
    const res = await fetch('/api/v1/auth/me');
    const me = (await res.json()) as { user: { grants: { role: string; unitId: string }[] } };
    return me.user.grants.find((g) => g.role === r)?.unitId;
  }, role);
  assert.ok(unitId, `a ${role} grant`);
  return unitId;
}

// --- the citizen: online submission ----------------------------------------------------------------------

/** Anonymous, on the procedure page: "Nộp hồ sơ trực tuyến" leads to the sign-in prompt (returned). */
export async function startOnlineSubmission(page: Page, procedure: Json): Promise<Locator> {
  await page.goto(url(`/dich-vu-cong/thu-tuc/${procedure.code}`));
  await page.getByRole('heading', { level: 1, name: procedure.name }).waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Tra cứu hồ sơ' }).waitFor();
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await page.waitForURL((u) => u.pathname === `/dich-vu-cong/nop-truc-tuyen/${procedure.code}`);
  const prompt = page.getByTestId('sign-in-prompt');
  await prompt.waitFor();
  return prompt;
}

/** From the sign-in prompt: signs in and comes back to the submission form. */
export async function signInFromPrompt(page: Page, prompt: Locator, procedure: Json, username: string) {
  await prompt.getByRole('link', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => u.pathname === '/dang-nhap');
  await fillLoginForm(page, username);
  await page.waitForURL((u) => u.pathname === `/dich-vu-cong/nop-truc-tuyen/${procedure.code}`);
  await page.getByRole('heading', { level: 2, name: 'Người nộp hồ sơ' }).waitFor();
}

export interface OnlineApplicant {
  /** Replaces the name prefilled from the account. */
  name?: string;
  idNumber: string;
  phone: string;
  address: string;
  summary: string;
}

/** The submission form: Xã Mê Linh as the receiving unit, the applicant and the request. */
export async function fillOnlineSubmission(page: Page, a: OnlineApplicant): Promise<void> {
  const unit = page.getByRole('combobox', { name: 'Đơn vị tiếp nhận', exact: true });
  await unit.click();
  await unit.pressSequentially('Mê Linh', { delay: 20 });
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Xã Mê Linh' }).first().click();
  if (a.name !== undefined) await page.getByRole('textbox', { name: 'Họ và tên', exact: true }).fill(a.name);
  await page.getByLabel('Số định danh cá nhân (CCCD)', { exact: true }).fill(a.idNumber);
  await page.getByRole('textbox', { name: 'Số điện thoại', exact: true }).fill(a.phone);
  await page.getByLabel('Địa chỉ', { exact: true }).fill(a.address);
  await page.getByLabel('Nội dung yêu cầu giải quyết', { exact: true }).fill(a.summary);
}

/** A PDF per required paper (giay-to-<n>.pdf) and one under "other files"; waits for the last one listed. */
export async function attachPapers(page: Page, required: number[], other = 'ban-chup-cccd.pdf'): Promise<void> {
  for (const i of required)
    await page
      .getByTestId(`paper-${i}`)
      .locator('input[type=file]')
      .setInputFiles(pdfFile(`giay-to-${i + 1}.pdf`));
  await page.getByTestId('paper-other').locator('input[type=file]').setInputFiles(pdfFile(other));
  await page.getByText(other).waitFor();
}

/** Sends the form; the dossier is created, the files uploaded; returns the confirmation. */
export async function submitOnline(page: Page, files: number): Promise<Locator> {
  await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
  const done = page.getByTestId('submit-done');
  await done.waitFor({ timeout: 30_000 });
  await done.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ trực tuyến' }).waitFor();
  await done.getByText(`Tệp đã đính kèm: ${files}`).waitFor();
  return done;
}

// --- officers: the dossier page --------------------------------------------------------------------------

export type Dialog = ReturnType<Page['getByRole']>;

/** The status cell of the dossier page shows the state label. */
export async function status(page: Page, label: string): Promise<void> {
  await page.getByTestId('dossier-status').getByText(label, { exact: true }).waitFor();
}

/** Opens an action from the dossier page, lets `fill` fill its form, confirms and waits for the dialog to close. */
export async function act(page: Page, action: string, fill?: (dialog: Dialog) => Promise<void>): Promise<void> {
  await page.getByRole('group', { name: 'Thao tác' }).getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${action} — `) });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' }).catch(async (e: Error) => {
    // Say what the dialog shows (a refusal from the server, a field error) instead of only "timeout".
    const text = await dialog.innerText().catch(() => '');
    throw new Error(`${action}: the dialog stayed open: ${text.replace(/\s+/g, ' ').slice(0, 500)}`, { cause: e });
  });
}

/** Picks an option of an antd Select in a dialog. */
export async function pick(page: Page, dialog: Dialog, label: string, option: string | RegExp): Promise<void> {
  const field = dialog.getByLabel(label, { exact: true });
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await field.click();
  await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
  // On a loaded machine the list can stay open after the choice (its options re-rendered while it opened) and
  // cover the dialog's buttons; a click on the dialog's title closes it the way a user would.
  await dropdown.waitFor({ state: 'hidden', timeout: 3_000 }).catch(async () => {
    await dialog.locator('.ant-modal-title').click();
    await dropdown.waitFor({ state: 'hidden' });
  });
  // The field now shows the choice (the list itself is rendered outside the form item).
  await dialog
    .locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) })
    .filter({ hasText: option })
    .last()
    .waitFor();
}

/**
 * The assignment form: with an internal process, the step (if given; the default is the next one) and the
 * person; without one, a step name and a budget in working hours, then the person.
 */
export async function fillAssign(
  page: Page,
  dialog: Dialog,
  a: { step?: string | RegExp; stepName: string; hours: number; assignee: string | RegExp },
): Promise<void> {
  const step = dialog.getByLabel('Bước của quy trình', { exact: true });
  const name = dialog.getByLabel('Tên bước', { exact: true });
  await step.or(name).first().waitFor();
  if (await step.count()) {
    if (a.step) await pick(page, dialog, 'Bước của quy trình', a.step);
  } else {
    await name.fill(a.stepName);
    await dialog.getByLabel('Thời gian của bước (giờ làm việc)', { exact: true }).fill(String(a.hours));
  }
  await pick(page, dialog, 'Người được giao', a.assignee);
}

/** The approval form: number, signer (checked against the default), capacity and the result file. */
export async function fillResolve(
  dialog: Dialog,
  r: { resultNumber: string; signer: string; capacity: string; file: string },
): Promise<void> {
  await dialog.getByLabel('Số, ký hiệu kết quả').fill(r.resultNumber);
  assert.equal(await dialog.getByLabel('Người ký', { exact: true }).inputValue(), r.signer);
  await dialog.getByLabel('Chức vụ người ký').fill(r.capacity);
  await dialog.locator('#resolve-result-file').setInputFiles(pdfFile(r.file));
}

/**
 * Clicks a "In …" link: it opens a new tab (target=_blank) on the form as PDF. Checks the answer is a PDF,
 * closes the tab and returns the form's path.
 */
export async function openPdfLink(page: Page, link: Locator): Promise<string> {
  assert.equal(await link.getAttribute('target'), '_blank');
  const href = (await link.getAttribute('href'))!;
  const context = page.context();
  const target = url(href);
  const [response, tab] = await Promise.all([
    context.waitForEvent('response', (r) => r.url() === target),
    context.waitForEvent('page'),
    link.click(),
  ]);
  assert.equal(response.status(), 200, `GET ${href}`);
  assert.match(response.headers()['content-type'] ?? '', /application\/pdf/);
  // the tab's response body is Chromium's PDF viewer page, not the file: the bytes are fetched again (same cookies)
  const body = await (await context.request.get(target)).body();
  assert.equal(body.subarray(0, 5).toString(), '%PDF-');
  await tab.close();
  return href;
}

// --- the counter: online submissions ---------------------------------------------------------------------

/** The menu entry "Tiếp nhận hồ sơ" → the online tab. */
export async function gotoOnlineTab(counter: Page): Promise<void> {
  await counter.getByRole('navigation').getByText('Tiếp nhận hồ sơ').click();
  await counter.waitForURL((u) => u.pathname === '/ho-so/tiep-nhan');
  await counter.getByRole('tab', { name: 'Hồ sơ nộp trực tuyến' }).click();
  await counter.waitForURL((u) => u.searchParams.get('tab') === 'truc-tuyen');
}

/** Opens the reception dialog of the applicant's submission and marks the required papers; returns the dialog. */
export async function openOnlineReception(counter: Page, applicant: string): Promise<Dialog> {
  const row = counter.locator('.ant-table-row', { hasText: applicant });
  await row.getByRole('button', { name: `Tiếp nhận — ${applicant}`, exact: true }).click();
  const dialog = counter.getByRole('dialog', { name: /^Tiếp nhận — / });
  await dialog
    .getByRole('checkbox', { name: /Bắt buộc/ })
    .first()
    .waitFor();
  await dialog.getByRole('button', { name: 'Đánh dấu các giấy tờ bắt buộc' }).click();
  return dialog;
}

/** Confirms the reception: the notice with the code and the receipt slip link; returns it and the code. */
export async function confirmOnlineReception(counter: Page, dialog: Dialog, applicant: string) {
  await dialog.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const notice = counter.getByRole('status').filter({ hasText: /Đã tiếp nhận hồ sơ 000\.00\.L7\.H26-\d{6}-\d{4}/ });
  await notice.waitFor();
  await notice.getByRole('link', { name: 'In giấy tiếp nhận' }).waitFor();
  const code = /000\.00\.L7\.H26-\d{6}-\d{4}/.exec(await notice.innerText())![0];
  assert.equal(await counter.locator('.ant-table-row', { hasText: applicant }).count(), 0, 'no longer waiting');
  return { notice, code };
}

// --- public tracking and rating --------------------------------------------------------------------------

/** On /tra-cuu: the code (unless prefilled from ?ma=) and the 4 digits, then "Tra cứu". */
export async function lookUp(page: Page, digits: string, code?: string): Promise<void> {
  if (code !== undefined) await page.getByLabel('Mã hồ sơ', { exact: true }).fill(code);
  await page.getByLabel('4 số cuối số điện thoại hoặc số định danh', { exact: true }).fill(digits);
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
}

/** The tracking result shows the dossier with the status label; returns the result card. */
export async function trackedAs(page: Page, code: string, statusLabel: string): Promise<Locator> {
  const card = page.getByTestId('track-result');
  await card.waitFor();
  await card.getByTestId('track-code').getByText(code).waitFor();
  await card.getByTestId('track-status').getByText(statusLabel).waitFor();
  return card;
}

/** The rating form: a level, the same level for one criterion of the detailed rating, and a comment. */
export async function fillRating(card: Locator, level: string, criterion: RegExp, comment: string): Promise<void> {
  const rating = card.getByTestId('rating-form');
  await rating.getByRole('button', { name: level }).click();
  assert.equal(await rating.getByRole('button', { name: level }).getAttribute('aria-pressed'), 'true');
  await rating.getByRole('button', { name: /Đánh giá chi tiết/ }).click();
  await rating.getByRole('group', { name: criterion }).getByText(level).click();
  await rating.getByLabel('Góp ý (không bắt buộc)').fill(comment);
}

/** Sends the rating and waits for the thanks. */
export async function sendRating(card: Locator): Promise<void> {
  await card.getByTestId('rating-form').getByRole('button', { name: 'Gửi đánh giá' }).click();
  await card.getByTestId('rating-thanks').getByText('Cảm ơn bạn đã đánh giá!').waitFor();
}
