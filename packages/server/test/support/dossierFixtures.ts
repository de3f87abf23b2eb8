/** Fixtures the dossier tests share: the demo commune, an officer of another commune, a procedure to receive. */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Db } from '../../src/platform/db';
import type { Client, TestApp } from './testApp';

/** Xã Mê Linh, where the demo officers work. */
export const MELINH_CODE = '000.00.L7.H26';

export async function unitIdOf(db: Db, code = MELINH_CODE): Promise<string> {
  return (await db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** A counter officer of Xã Gia Lâm, created through the admin API, signed in. */
export async function otherCommuneOfficer(t: TestApp, username: string): Promise<Client> {
  const db = t.database.db;
  const admin = await t.login('admin');
  const other = await db
    .selectFrom('unit')
    .select('id')
    .where('name', '=', 'Xã Gia Lâm')
    .where('valid_to', 'is', null)
    .executeTakeFirstOrThrow();
  const password = 'mat-khau-gia-lam-dai';
  const user = await admin.post('/api/v1/users', { username, fullName: 'Cán bộ Gia Lâm', password });
  assert.equal(user.statusCode, 201, user.body);
  const grant = await admin.post(`/api/v1/users/${user.json().id}/grants`, {
    role: 'COUNTER_OFFICER',
    unitId: other.id,
  });
  assert.equal(grant.statusCode, 201, grant.body);
  return t.login(username, password);
}

/** A procedure of the unit offered online and at the counter in working days, with a required paper. */
export async function onlineProcedureAt(db: Db, unitId: string): Promise<string> {
  const r = await sql<{ code: string }>`
    SELECT p.code FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
    JOIN procedure_version_unit pu ON pu.version_id = v.id AND pu.unit_id = ${unitId}::uuid
    WHERE v.superseded_at IS NULL AND 'online' = ANY(v.channels)
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(v.methods) m WHERE m->>'channel' = 'online'
        AND m->'time'->>'unit' = 'working_days' AND (m->'time'->>'value')::numeric BETWEEN 3 AND 30)
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(v.methods) m WHERE m->>'channel' = 'direct'
        AND m->'time'->>'unit' = 'working_days' AND (m->'time'->>'value')::numeric BETWEEN 3 AND 30)
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(v.documents) doc WHERE doc->>'group' IS NULL)
    ORDER BY p.code LIMIT 1`.execute(db);
  assert.ok(r.rows[0], 'a procedure offered online at the unit');
  return r.rows[0].code;
}
