import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

let t: TestApp;
let admin: Client;
let reform: Client;
let officer: Client;
let communeId: string;
let centreId: string;
before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  reform = await t.login('caicach');
  officer = await t.login('tiepnhan');
  const find = async (q: string, name: string) =>
    ((await admin.get(`/api/v1/units?q=${encodeURIComponent(q)}`)).json().items as { id: string; name: string }[]).find(
      (u) => u.name === name,
    )!.id;
  communeId = await find('xã mê linh', 'Xã Mê Linh');
  centreId = await find('trung tam phuc vu', 'Trung tâm Phục vụ hành chính công thành phố Hà Nội');
});
after(() => t.close());

const content = (over: Record<string, unknown> = {}) => ({
  name: 'Thủ tục thử nghiệm cấp giấy xác nhận',
  field: 'Thử nghiệm',
  levels: ['COMMUNE'],
  methods: [
    {
      channel: 'direct',
      time: { value: 3, unit: 'working_days' },
      timeText: '3 Ngày làm việc',
      feeVnd: 0,
      feeNote: null,
      feeText: 'Miễn phí',
      description: null,
    },
    {
      channel: 'online',
      time: { value: 2, unit: 'working_days' },
      timeText: '2 Ngày làm việc',
      feeVnd: 0,
      feeNote: null,
      feeText: 'Miễn phí',
      description: null,
    },
  ],
  documents: [
    {
      name: 'Tờ khai',
      kind: 'ORIGINAL',
      originals: 1,
      copies: 0,
      quantityText: '1 bản chính',
      forms: ['Mẫu 01.docx'],
      group: null,
    },
  ],
  effectiveFrom: '2025-07-01',
  publicationDecisionNo: '100/QĐ-UBND',
  unitIds: [] as string[],
  ...over,
});

describe('procedures: versions and authorisation', () => {
  test('writes need catalog.write: anonymous 401, counter officer 403', async () => {
    assert.equal((await t.anonymous.post('/api/v1/procedures', { code: '9.000001', ...content() })).statusCode, 401);
    const res = await officer.post('/api/v1/procedures', { code: '9.000001', ...content() });
    assert.equal(res.statusCode, 403);
  });

  test('bad input: code 1.2345, negative time, unknown field', async () => {
    const bad = await admin.post('/api/v1/procedures', { code: '1.2345', ...content() });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().errors.some((e: { field: string }) => e.field === 'body.code'));
    const negative = content();
    negative.methods[0]!.time = { value: -1, unit: 'working_days' };
    const neg = await admin.post('/api/v1/procedures', { code: '9.000001', ...negative });
    assert.equal(neg.statusCode, 400);
    assert.ok(
      neg.json().errors.some((e: { field: string }) => e.field === 'body.methods.0.time.value'),
      neg.body,
    );
    const unknown = await admin.post('/api/v1/procedures', { code: '9.000001', ...content(), colour: 'red' });
    assert.equal(unknown.statusCode, 400);
    assert.ok(unknown.json().errors.some((e: { field: string }) => e.field === 'body.colour'));
  });

  test('create, new version on change only, as-of reads, If-Match', async () => {
    const created = await admin.post('/api/v1/procedures', { code: '9.000001', ...content({ unitIds: [communeId] }) });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().version, 1);
    assert.equal(created.json().units.length, 1);
    const same = await admin.post('/api/v1/procedures/9.000001/versions', content(), { 'if-match': '"1"' });
    assert.equal(same.statusCode, 200, same.body);
    assert.equal(same.json().currentVersion.seq, 1, 'identical content: no new version');
    const noMatch = await admin.post('/api/v1/procedures/9.000001/versions', content({ name: 'Tên mới' }));
    assert.equal(noMatch.statusCode, 428);
    const changed = await admin.post(
      '/api/v1/procedures/9.000001/versions',
      content({
        name: 'Thủ tục thử nghiệm cấp giấy xác nhận (sửa đổi)',
        effectiveFrom: '2026-01-01',
        publicationDecisionNo: '200/QĐ-UBND',
      }),
      { 'if-match': '"1"' },
    );
    assert.equal(changed.statusCode, 201, changed.body);
    assert.equal(changed.json().currentVersion.seq, 2);
    assert.equal(changed.json().units.length, 1, 'units carry over');
    const stale = await admin.post('/api/v1/procedures/9.000001/versions', content({ name: 'X' }), {
      'if-match': '"1"',
    });
    assert.equal(stale.statusCode, 412);
    const old = (await t.anonymous.get('/api/v1/procedures/9.000001?asOf=2025-12-31')).json();
    assert.equal(old.currentVersion.seq, 1);
    assert.equal(old.currentVersion.effectiveTo, '2025-12-31');
    const now = (await t.anonymous.get('/api/v1/procedures/9.000001?asOf=2026-02-01')).json();
    assert.equal(now.name, 'Thủ tục thử nghiệm cấp giấy xác nhận (sửa đổi)');
    assert.equal((await t.anonymous.get('/api/v1/procedures/9.000001?asOf=2020-01-01')).statusCode, 404);
    const earlier = await admin.post(
      '/api/v1/procedures/9.000001/versions',
      content({ name: 'Y', effectiveFrom: '2025-08-01' }),
      { 'if-match': `"${changed.json().version}"` },
    );
    assert.equal(earlier.statusCode, 400);
    assert.equal(earlier.json().code, 'CATALOG_VERSION_INVALID');
    const versions = (await t.anonymous.get('/api/v1/procedures/9.000001/versions')).json();
    assert.deepEqual(
      versions.items.map((v: { seq: number }) => v.seq),
      [1, 2],
    );
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'procedure')
      .where('entity_id', '=', created.json().id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['procedure.create', 'procedure.version'],
      'every write audited, the no-op and refused ones not',
    );
  });

  test('delegation to a commune: recorded, listed, shows in the unit catalogue; update with If-Match', async () => {
    const res = await admin.post('/api/v1/procedures/1.001193/delegations', {
      unitId: communeId,
      fromUnitId: centreId,
      kind: 'DELEGATION',
      decisionNo: '15/QĐ-UBND',
      decisionDate: '2025-07-10',
      effectiveFrom: '2025-07-15',
      scope: 'Trên địa bàn xã',
    });
    assert.equal(res.statusCode, 201, res.body);
    const list = (await t.anonymous.get('/api/v1/procedures/1.001193/delegations')).json();
    assert.ok(list.items.some((d: { decisionNo: string }) => d.decisionNo === '15/QĐ-UBND'));
    // The list names both units, whether or not they publish the procedure (no bare ids for the admin page).
    const names = await t.database.db
      .selectFrom('unit')
      .select(['id', 'name'])
      .where('id', 'in', [communeId, centreId])
      .execute();
    const nameOf = (id: string) => names.find((u) => u.id === id)?.name;
    assert.deepEqual([res.json().unitName, res.json().fromUnitName], [nameOf(communeId), nameOf(centreId)]);
    assert.ok(nameOf(communeId) && nameOf(centreId));
    const ended = await admin.patch(
      `/api/v1/procedure-delegations/${res.json().id}`,
      { effectiveTo: '2025-12-31' },
      { 'if-match': '"1"' },
    );
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().effectiveTo, '2025-12-31');
    const badDates = await admin.patch(
      `/api/v1/procedure-delegations/${res.json().id}`,
      { effectiveTo: '2025-01-01' },
      { 'if-match': '"2"' },
    );
    assert.equal(badDates.statusCode, 400);
    assert.equal(
      (
        await officer.post('/api/v1/procedures/1.001193/delegations', {
          unitId: communeId,
          kind: 'DELEGATION',
          decisionNo: 'x',
          decisionDate: '2025-07-10',
          effectiveFrom: '2025-07-15',
        })
      ).statusCode,
      403,
    );
  });
});

describe('internal processes', () => {
  const steps = (hours: number[]) =>
    hours.map((h, i) => ({
      name: `Bước ${i + 1}`,
      role: i === 1 ? 'SPECIALIST' : 'COUNTER_OFFICER',
      unitRule: 'RECEIVING_COMMUNE',
      hours: h,
      output: null,
      allowSendBack: i === 1,
    }));

  test('budget over the legal time (3 working days = 24 h) is refused with the field', async () => {
    const res = await admin.post('/api/v1/procedures/9.000001/internal-processes', {
      unitId: communeId,
      versionSeq: 1,
      steps: steps([4, 16, 8]),
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().code, 'CATALOG_STEP_BUDGET_EXCEEDS_LEGAL_TIME');
    assert.ok(
      res.json().errors.some((e: { field: string }) => e.field === 'body.steps.2.hours'),
      res.body,
    );
    assert.ok(res.json().errors.some((e: { field: string }) => e.field === 'body.steps'));
    const role = await admin.post('/api/v1/procedures/9.000001/internal-processes', {
      unitId: communeId,
      versionSeq: 1,
      steps: [{ ...steps([1])[0], role: 'KING' }],
    });
    assert.equal(role.statusCode, 400);
  });

  test('draft → approved (If-Match); the missing-process report drops the procedure', async () => {
    const before = (
      await admin.get(`/api/v1/units/${communeId}/reports/procedures-without-internal-process?asOf=2025-09-01`)
    ).json();
    assert.ok(before.items.some((i: { code: string }) => i.code === '9.000001'));
    assert.ok(
      before.items.some((i: { code: string; reason: string }) => i.code === '1.001193' || i.reason === 'DELEGATED') ||
        before.total > 100,
    );
    const draft = await admin.post('/api/v1/procedures/9.000001/internal-processes', {
      unitId: communeId,
      versionSeq: 1,
      steps: steps([2, 16, 4]),
    });
    assert.equal(draft.statusCode, 201, draft.body);
    assert.equal(draft.json().status, 'DRAFT');
    assert.equal(draft.json().legalHours, 24);
    const edited = await admin.patch(
      `/api/v1/internal-processes/${draft.json().id}`,
      { steps: steps([2, 18, 4]) },
      { 'if-match': '"1"' },
    );
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().totalHours, 24);
    const approved = await admin.post(
      `/api/v1/internal-processes/${draft.json().id}/approve`,
      { approvalDecisionNo: '1811/QĐ-TTPVHCC', approvedAt: '2025-08-01', effectiveFrom: '2025-08-01' },
      { 'if-match': '"2"' },
    );
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().status, 'APPROVED');
    const again = await admin.patch(
      `/api/v1/internal-processes/${draft.json().id}`,
      { steps: steps([1]) },
      { 'if-match': '"3"' },
    );
    assert.equal(again.statusCode, 409);
    const after = (
      await admin.get(`/api/v1/units/${communeId}/reports/procedures-without-internal-process?asOf=2025-09-01`)
    ).json();
    assert.ok(!after.items.some((i: { code: string }) => i.code === '9.000001'));
    assert.equal(
      (await officer.get(`/api/v1/units/${communeId}/reports/procedures-without-internal-process`)).statusCode,
      403,
    );
  });
});

describe('simplification plans', () => {
  const cost = (hours: number, other: number) => ({
    hours,
    incomePerHour: 50_000,
    serviceFees: 0,
    fees: 100_000,
    otherCosts: other,
    timesPerYear: 1,
    subjectsPerYear: 2000,
  });

  test('the reform officer drafts, proposes and adopts a plan; compliance cost as in the spec example', async () => {
    const ip = (await t.anonymous.get(`/api/v1/procedures/9.000001/internal-processes?unitId=${communeId}`)).json()
      .items[0];
    const created = await reform.post('/api/v1/simplification-plans', {
      unitId: communeId,
      procedureCode: '9.000001',
      internalProcessId: ip.id,
      title: 'Bỏ bước chuyển hồ sơ',
      before: { cost: cost(10, 50_000) },
      after: { steps: 2, hours: 16, cost: cost(4, 20_000) },
    });
    assert.equal(created.statusCode, 201, created.body);
    const plan = created.json();
    assert.equal(plan.before.steps, 3, 'before defaults from the internal process');
    assert.equal(plan.annualCostBefore, 1_300_000_000);
    assert.equal(plan.annualCostAfter, 640_000_000);
    assert.equal(plan.saving, 660_000_000);
    assert.equal(plan.reductionRate, 50.77);
    const skip = await reform.post(
      `/api/v1/simplification-plans/${plan.id}/transitions`,
      { to: 'APPROVED' },
      { 'if-match': '"1"' },
    );
    assert.equal(skip.statusCode, 409);
    const proposed = await reform.post(
      `/api/v1/simplification-plans/${plan.id}/transitions`,
      { to: 'PROPOSED' },
      { 'if-match': '"1"' },
    );
    assert.equal(proposed.statusCode, 200, proposed.body);
    const noDecision = await reform.post(
      `/api/v1/simplification-plans/${plan.id}/transitions`,
      { to: 'APPROVED' },
      { 'if-match': '"2"' },
    );
    assert.equal(noDecision.statusCode, 400);
    const adopted = await reform.post(
      `/api/v1/simplification-plans/${plan.id}/transitions`,
      { to: 'APPROVED', decisionNo: '5450/QĐ-UBND', decisionDate: '2025-11-05' },
      { 'if-match': '"2"' },
    );
    assert.equal(adopted.statusCode, 200, adopted.body);
    assert.equal(
      (
        await officer.post('/api/v1/simplification-plans', {
          unitId: communeId,
          procedureCode: '9.000001',
          title: 'x',
          before: { cost: cost(1, 0) },
          after: { cost: cost(1, 0) },
        })
      ).statusCode,
      403,
    );
  });

  test('summary per unit and period: "cut X of Y internal processes, Z%"', async () => {
    const res = await reform.get(`/api/v1/units/${communeId}/simplification-summary?from=2025-01-01&to=2025-12-31`);
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.ok(s.internalProcesses.cut >= 1 && s.internalProcesses.total >= s.internalProcesses.cut, res.body);
    assert.match(s.text, /^Cắt giảm \d+\/\d+ quy trình nội bộ/);
    const city = (await reform.get(`/api/v1/units?parentId=root`)).json().items[0].id;
    const all = (await reform.get(`/api/v1/units/${city}/simplification-summary?from=2025-01-01&to=2025-12-31`)).json();
    assert.ok(all.internalProcesses.total >= 80 && all.internalProcesses.cut >= 8, JSON.stringify(all));
    assert.ok(all.complianceCost.reductionRate > 0);
  });
});
