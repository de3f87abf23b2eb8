/**
 * Browser test of inter-agency work (liên thông): a specialist of Xã Mê Linh sends a sub-dossier to Xã Gia Lâm;
 * an officer of Gia Lâm finds it under "Hồ sơ liên thông", returns the result from the dossier page and is taken
 * back to the list, which no longer has it; the dossier is back in its step at Mê Linh. axe-core, screenshots.
 *
 *   MOTCUA_BASE_URL=http://127.0.0.1:3000 node --import tsx --test packages/web/test/browser/coordination.browser.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { formatVnDateTime } from '@motcua/domain/calendar/display';
import { BASE_URL, assertAccessible, launch, login, newPage, screenshot, settle, waitForTitle } from './browser';
import { act, apiLogin, type Json } from './api';
import { findOnlineProcedure, tag } from './flows';

const PREFIX = 'coordination';

describe('inter-agency dossiers', { skip: BASE_URL ? false : 'MOTCUA_BASE_URL is not set' }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the coordinating unit lists its sub-dossier, returns the result and loses sight of it', async () => {
    const admin = await apiLogin('admin');
    const officer = await apiLogin('tiepnhan');
    const specialist = await apiLogin('chuyenvien');
    const me = await officer.get('/api/v1/auth/me');
    const unitId = (me.user.grants as Json[]).find((g) => g.role === 'COUNTER_OFFICER')!.unitId as string;
    const giaLam = (
      (await admin.get(`/api/v1/units?q=${encodeURIComponent('Gia Lâm')}&limit=20`)).items as Json[]
    ).find((u) => u.name === 'Xã Gia Lâm' && !u.validTo);
    assert.ok(giaLam, 'Xã Gia Lâm in the demo tree');

    // an officer of Gia Lâm
    const username = `lienthong${tag()}`;
    const password = 'mat-khau-lien-thong-dai';
    const user = await admin.send('POST', '/api/v1/users', { username, fullName: 'Cán bộ Gia Lâm', password });
    assert.equal(user.status, 201, JSON.stringify(user.json));
    const grant = await admin.send('POST', `/api/v1/users/${user.json.id}/grants`, {
      role: 'COUNTER_OFFICER',
      unitId: giaLam.id,
    });
    assert.equal(grant.status, 201, JSON.stringify(grant.json));

    // a dossier of Mê Linh, in its first step, with a sub-dossier sent to Gia Lâm
    const procedure = await findOnlineProcedure(unitId);
    const applicant = `Nguyễn Văn Liên ${tag()}`;
    const received = await officer.send(
      'POST',
      '/api/v1/dossiers',
      {
        unitId,
        procedureCode: procedure.code,
        channel: 'COUNTER',
        applicant: { name: applicant, phone: '0912345678' },
      },
      { 'idempotency-key': randomUUID() },
    );
    assert.equal(received.status, 201, JSON.stringify(received.json));
    const id = received.json.id as string;
    const code = received.json.code as string;
    const budget = { value: 16, unit: 'WORKING_HOURS' };
    await act(officer, id, 'ASSIGN', {
      stepId: 'step-1',
      stepName: 'Thẩm định',
      assigneeUserId: specialist.userId,
      budget,
    });
    await act(specialist, id, 'START_STEP');
    const sent = await act(specialist, id, 'SEND_TO_COORDINATING_BODY', {
      subDossierId: 'lt-1',
      coordinatingBodyId: giaLam.id,
      budget,
    });
    assert.equal(sent.state, 'COORDINATING');

    // Gia Lâm's officer: the menu entry, the list, the dossier page with the one action it may take
    const page = await newPage(browser);
    page.setDefaultTimeout(30_000);
    await login(page, username, password);
    await page.getByRole('navigation').getByText('Hồ sơ liên thông').click();
    await waitForTitle(page, 'Hồ sơ liên thông');
    const row = page.locator('.ant-table-row', { hasText: code });
    await row.waitFor();
    await settle(page);
    // The row shows Gia Lâm's own deadline (16 working hours), not the dossier's appointment days away.
    await page.getByRole('columnheader', { name: 'Hạn trả kết quả liên thông' }).waitFor();
    const rowText = (await row.textContent()) ?? '';
    assert.ok(rowText.includes(formatVnDateTime(sent.record.subDossiers[0].stepDueAt, true)), rowText);
    assert.match(rowText, /còn (15,\d|16) giờ làm việc/i);
    await assertAccessible(page, 'inter-agency list');
    await screenshot(page, `${PREFIX}-01-list`);
    await row.getByRole('link', { name: `Mở hồ sơ ${code}` }).click();
    // The coordinating body's officer sees who handled the dossier, as the unit's own officers do.
    const sender = sent.timeline.at(-1);
    assert.equal(sender.type, 'SEND_TO_COORDINATING_BODY');
    await page.locator('.ant-timeline').getByText(`${sender.actorName} (`).first().waitFor();
    assert.doesNotMatch(await page.locator('.ant-timeline').innerText(), /Người nộp \(Cán bộ/);
    await page.getByRole('button', { name: 'Nhận kết quả liên thông' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Its one open part is chosen for the officer.
    await dialog.getByText(/^Liên thông 1, gửi lúc/).waitFor();
    await dialog.getByLabel('Kết quả của cơ quan phối hợp').fill('Đã xác nhận nghĩa vụ tài chính.');
    await assertAccessible(page, 'return dialog');
    await screenshot(page, `${PREFIX}-02-return`);
    await dialog.getByRole('button', { name: 'Nhận kết quả liên thông' }).click();

    // back on the list, which no longer has the dossier; Mê Linh has it back in its step
    await page.getByText('Đã trả kết quả liên thông; hồ sơ trở về đơn vị giải quyết.').waitFor();
    await page.waitForURL(/\/ho-so\/lien-thong$/);
    await page.locator('.ant-table-placeholder, .ant-table-row').first().waitFor();
    await settle(page);
    assert.equal(await page.locator('.ant-table-row', { hasText: code }).count(), 0, 'gone from the list');
    const back = await specialist.get(`/api/v1/dossiers/${id}`);
    assert.equal(back.state, 'IN_STEP');
    assert.equal(back.record.subDossiers[0].returnedAt !== null, true, 'the sub-dossier is returned');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
});
