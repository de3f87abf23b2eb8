/**
 * Browser test of the citizen's side: online submission from a procedure page (sign-in on the way, a small PDF
 * per required paper), "Hồ sơ của tôi", the online supplement; the officers (tiepnhan, chuyenvien, lanhdao)
 * then receive, process, reschedule, resolve and deliver the dossier through the real HTTP API; the citizen
 * tracks it on /tra-cuu with the code and the last 4 digits of the phone, and rates it once.
 * axe-core serious/critical = failure; screenshots in test-results/citizen-*.png.
 *
 *   MOTCUA_BASE_URL=http://127.0.0.1:3000 node --import tsx --test packages/web/test/browser/citizen.browser.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { BASE_URL, assertAccessible, launch, login, newPage, screenshot, selectOption, settle, url } from './browser';
import { act, apiLogin, type Json } from './api';
import {
  attachPapers,
  fillOnlineSubmission,
  fillRating,
  findOnlineProcedure,
  lookUp,
  pdf,
  requiredPapers,
  sendRating,
  signInFromPrompt,
  startOnlineSubmission,
  submitOnline,
  trackedAs,
} from './flows';

const PREFIX = 'citizen';
const PHONE = '0912345678';
const CHECK = '5678';

describe('citizen side', { skip: BASE_URL ? false : 'MOTCUA_BASE_URL is not set' }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('online submission, my dossiers, supplement, processing by the officers, tracking and rating', async () => {
    const officer = await apiLogin('tiepnhan');
    const me = await officer.get('/api/v1/auth/me');
    const unitId = (me.user.grants as Json[]).find((g) => g.role === 'COUNTER_OFFICER')!.unitId as string;
    const procedure = await findOnlineProcedure(unitId);
    const required = requiredPapers(procedure);

    // 1. From the procedure page, anonymous: the button leads to a sign-in prompt that comes back here.
    const page = await newPage(browser);
    const prompt = await startOnlineSubmission(page, procedure);
    await assertAccessible(page, 'submission sign-in prompt');
    await screenshot(page, `${PREFIX}-01-sign-in-prompt`);
    await signInFromPrompt(page, prompt, procedure, 'congdan');

    // 2. The form: unit among the procedure's units, applicant prefilled from the account, a PDF per paper.
    assert.equal(await page.getByRole('textbox', { name: 'Họ và tên', exact: true }).inputValue(), 'Phạm Thị Lan');
    await fillOnlineSubmission(page, {
      idNumber: '001190001234',
      phone: PHONE,
      address: 'Thôn Yên Nội, xã Mê Linh, Hà Nội',
      summary: 'Đề nghị giải quyết theo thủ tục',
    });
    // Submitting without the required papers is refused on the page, naming them.
    if (required.length) {
      await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
      await page.getByTestId('submit-error').getByText('Vui lòng đính kèm các giấy tờ bắt buộc').waitFor();
    }
    await attachPapers(page, required, 'ban-chup-cccd.pdf');
    await settle(page);
    await assertAccessible(page, 'online submission form');
    await screenshot(page, `${PREFIX}-02-submit-form`);

    // 3. Submit: the dossier is created, then the files are uploaded; the confirmation says what comes next.
    const done = await submitOnline(page, required.length + 1);
    await done.getByText('Mã hồ sơ sẽ được cấp khi cán bộ Bộ phận Một cửa tiếp nhận').waitFor();
    assert.match(await done.innerText(), /Xã Mê Linh lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await assertAccessible(page, 'submission confirmation');
    await screenshot(page, `${PREFIX}-03-submit-done`);

    // 4. "Hồ sơ của tôi": the new dossier, no code yet, status 1.
    await done.getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    await page.waitForURL((u) => u.pathname === '/dich-vu-cong/ho-so-cua-toi');
    const table = page.getByTestId('my-dossiers');
    const row = table.locator('.ant-table-row').filter({ hasText: procedure.name }).first();
    await row.waitFor();
    assert.match(await row.innerText(), /Chưa cấp mã/);
    assert.match(await row.innerText(), /Mới đăng ký/);
    await assertAccessible(page, 'my dossiers');
    await screenshot(page, `${PREFIX}-04-my-dossiers`);
    await row.getByRole('link', { name: procedure.name }).click();
    await page.waitForURL((u) => /^\/dich-vu-cong\/ho-so-cua-toi\/[0-9a-f-]{36}$/.test(u.pathname));
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('dossier-status').getByText('Mới đăng ký').waitFor();
    for (const i of required)
      await page
        .getByTestId('dossier-files')
        .getByText(`giay-to-${i + 1}.pdf`)
        .waitFor();
    await page.getByRole('button', { name: 'Hủy hồ sơ' }).waitFor();
    await assertAccessible(page, 'my dossier (submitted)');
    await screenshot(page, `${PREFIX}-05-dossier-submitted`);

    // 5. The counter officer receives it (code, appointment) and asks for a supplement once.
    let d = await officer.get(`/api/v1/dossiers/${id}`);
    d = await act(officer, id, 'RECEIVE', {
      papers: (d.papers as Json[]).map((p) => ({ index: p.index, provided: true })),
    });
    const dossierCode = d.code as string;
    assert.ok(dossierCode, 'a code at reception');
    await act(officer, id, 'REQUEST_SUPPLEMENT', {
      items: ['Bản sao giấy tờ chứng minh nơi cư trú'],
      reason: 'Thiếu giấy tờ chứng minh nơi cư trú',
    });
    // While the citizen supplements, the clock is stopped: the officer's page says so instead of a figure.
    assert.equal((await officer.get(`/api/v1/dossiers/${id}`)).workingHoursLeft, null);
    const officerPage = await newPage(browser);
    await login(officerPage, 'tiepnhan');
    await officerPage.goto(url(`/ho-so/${id}`));
    await officerPage.locator('[data-level="paused"]', { hasText: 'Đã dừng tính thời gian' }).waitFor();
    await officerPage.context().close();

    // 6. The citizen supplements online: the items, a file and a note, then SUBMIT_SUPPLEMENT.
    await page.reload();
    await page.getByTestId('dossier-code').getByText(dossierCode).waitFor();
    await page.getByTestId('supplement-items').getByText('Bản sao giấy tờ chứng minh nơi cư trú').waitFor();
    const supplement = page.getByTestId('supplement-form');
    await supplement.locator('input[type=file]').setInputFiles({
      name: 'xac-nhan-cu-tru.pdf',
      mimeType: 'application/pdf',
      buffer: pdf('cu tru'),
    });
    await supplement.getByLabel('Ghi chú gửi cán bộ (không bắt buộc)').fill('Gửi bổ sung xác nhận cư trú');
    await assertAccessible(page, 'supplement form');
    await screenshot(page, `${PREFIX}-06-supplement-form`);
    await supplement.getByRole('button', { name: 'Gửi hồ sơ bổ sung' }).click();
    await page.getByTestId('dossier-notice').getByText('Đã gửi hồ sơ bổ sung').waitFor();
    await page.getByText('Bạn đã nộp bổ sung; hồ sơ đang chờ cán bộ xem xét.').waitFor();
    await page.getByTestId('dossier-files').getByText('xac-nhan-cu-tru.pdf').waitFor();
    assert.equal((await officer.get(`/api/v1/dossiers/${id}`)).state, 'SUPPLEMENT_SUBMITTED');

    // 7. Processing along two steps, an apology with a new appointment, the result and its delivery.
    const specialist = await apiLogin('chuyenvien');
    const leader = await apiLogin('lanhdao');
    await act(officer, id, 'ACCEPT_SUPPLEMENT');
    const budget = { value: 16, unit: 'WORKING_HOURS' };
    await act(officer, id, 'ASSIGN', {
      stepId: 'step-1',
      stepName: 'Thẩm định hồ sơ',
      assigneeUserId: specialist.userId,
      budget,
    });
    await act(specialist, id, 'START_STEP');
    await act(specialist, id, 'HAND_OFF', { note: 'Đủ điều kiện giải quyết' });
    await act(specialist, id, 'ASSIGN', {
      stepId: 'step-2',
      stepName: 'Phê duyệt kết quả',
      assigneeUserId: leader.userId,
      budget,
    });
    await act(leader, id, 'START_STEP');
    d = await leader.get(`/api/v1/dossiers/${id}`);
    const originalDue = d.dueAt as string;
    const newDueAt = new Date(Date.parse(originalDue) + 3 * 86_400_000).toISOString();
    await act(leader, id, 'APOLOGIZE_AND_RESCHEDULE', { reason: 'Cần thêm thời gian xác minh', newDueAt });
    const form = new FormData();
    form.append('purpose', 'RESULT');
    form.append('file', new Blob([pdf('ket qua')], { type: 'application/pdf' }), 'ket-qua.pdf');
    const result = await leader.upload(`/api/v1/dossiers/${id}/attachments`, form);
    assert.equal(result.status, 201, JSON.stringify(result.json));
    await act(leader, id, 'RESOLVE', {
      outcome: 'APPROVED',
      resultNumber: '15/GCN-UBND',
      signerName: 'Lê Quang Dũng',
      resultAttachmentId: result.json.id,
    });
    d = await act(officer, id, 'DELIVER', {
      method: 'ONLINE',
      recipient: { type: 'APPLICANT', name: 'Phạm Thị Lan' },
    });
    assert.equal(d.state, 'DELIVERED');

    // 8. Public tracking from the receipt's QR link (/tra-cuu?ma=<code>), anonymous: wrong digits, then right.
    const anon = await newPage(browser);
    await anon.goto(url(`/tra-cuu?ma=${encodeURIComponent(dossierCode)}`));
    await anon.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    assert.equal(await anon.getByLabel('Mã hồ sơ', { exact: true }).inputValue(), dossierCode);
    await lookUp(anon, '0000');
    await anon.getByTestId('track-error').getByText('Không tìm thấy hồ sơ').waitFor();
    await lookUp(anon, CHECK);
    const card = await trackedAs(anon, dossierCode, 'Đã trả kết quả');
    await card.getByTestId('track-status').getByText('(mã trạng thái 10)').waitFor();
    assert.match(
      await card.getByTestId('appointment-original').innerText(),
      /Hẹn ban đầu: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/,
    );
    await card.getByTestId('track-result-ready').getByText('Đã có kết quả').waitFor();
    const timeline = await card.getByTestId('timeline').innerText();
    for (const s of ['Mới đăng ký', 'Được tiếp nhận', 'Yêu cầu bổ sung giấy tờ', 'Đang xử lý', 'Đã xử lý xong'])
      assert.ok(timeline.includes(s), `timeline shows ${s}`);
    assert.match(timeline, /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const steps = await card.getByTestId('steps').innerText();
    assert.match(steps, /Thẩm định hồ sơ/);
    assert.match(steps, /Đúng hạn|Quá hạn/);
    await assertAccessible(anon, 'tracking result');
    await screenshot(anon, `${PREFIX}-07-tracking`);

    // 9. One rating: a level as a large button, a criterion, a comment; then thanks.
    await fillRating(card, 'Rất hài lòng', /4\. Thái độ của cán bộ/, 'Cán bộ hướng dẫn tận tình.');
    await settle(anon);
    await assertAccessible(anon, 'rating form');
    await screenshot(anon, `${PREFIX}-08-rating-form`);
    await sendRating(card);
    await assertAccessible(anon, 'rating thanks');
    await screenshot(anon, `${PREFIX}-09-rating-thanks`);
    const tracked = (await (
      await fetch(url(`/api/v1/public/dossiers/${encodeURIComponent(dossierCode)}?check=${CHECK}`))
    ).json()) as Json;
    assert.equal(tracked.rating, 'VERY_SATISFIED');
    assert.equal(tracked.rateable, false);

    // 10. Back in "Hồ sơ của tôi": the code, the delivered status, the result file and the rating.
    await page.goto(url('/dich-vu-cong/ho-so-cua-toi'));
    const delivered = page.getByTestId('my-dossiers').locator('.ant-table-row').filter({ hasText: dossierCode });
    await delivered.waitFor();
    assert.match(await delivered.innerText(), /Đã trả kết quả/);
    await delivered.getByRole('link').first().click();
    await page.getByTestId('dossier-status').getByText('Đã trả kết quả').waitFor();
    await page.getByTestId('dossier-files').getByText('ket-qua.pdf').waitFor();
    await page.getByTestId('rating-done').getByText('Rất hài lòng').waitFor();
    await assertAccessible(page, 'my dossier (delivered)');
    await screenshot(page, `${PREFIX}-10-dossier-delivered`);

    assert.deepEqual(page.problems, []);
    assert.deepEqual(anon.problems, []);
    await anon.context().close();
    await page.context().close();
  });

  test('a procedure not offered online has no submit button and says so', async () => {
    const list = (await (await fetch(url('/api/v1/procedures?q=khai%20sinh%20luu%20dong&limit=20'))).json()) as Json;
    let offline: Json | undefined;
    for (const s of list.items as Json[]) {
      const p = (await (await fetch(url(`/api/v1/procedures/${s.code}`))).json()) as Json;
      if (!p.channels.includes('online')) {
        offline = p;
        break;
      }
    }
    if (!offline) return void console.log('note: no procedure without the online channel found');
    const page = await newPage(browser);
    await page.goto(url(`/dich-vu-cong/thu-tuc/${offline.code}`));
    await page.getByRole('heading', { level: 1, name: offline.name }).waitFor();
    await page.getByTestId('procedure-not-online').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).count(), 0);
    await page.goto(url(`/dich-vu-cong/nop-truc-tuyen/${offline.code}`));
    await page.getByTestId('not-online').getByText('Thủ tục này chưa cung cấp dịch vụ công trực tuyến.').waitFor();
    await assertAccessible(page, 'submission not offered online');
    // English
    await page.goto(url('/tra-cuu'));
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await selectOption(page, 'Ngôn ngữ', 'English');
    await page.getByRole('heading', { level: 1, name: 'Track a dossier' }).waitFor();
    await assertAccessible(page, 'tracking (English)');
    await screenshot(page, `${PREFIX}-11-tracking-en`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
