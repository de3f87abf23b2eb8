import { z } from 'zod';
import { isoDate, limit, optionalText, pageOf, text, uuid } from './common';
import { unitCodePattern } from '../units/unitCode';
import { unitTypes } from '../units/unitTypes';

export const unitCode = z
  .string()
  .overwrite((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(unitCodePattern, 'Mã định danh điện tử phải có dạng LLL.CC.BB.AAA, ví dụ 000.00.00.H26.'));
export const unitType = z.enum(unitTypes);

export const unit = z
  .object({
    id: uuid,
    code: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    type: unitType,
    parentId: uuid.nullable(),
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    childCount: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof unit>;

export const unitRef = z
  .object({ id: uuid, code: z.string(), name: z.string(), validFrom: isoDate, validTo: isoDate.nullable() })
  .meta({ id: 'UnitRef' });

export const auditEntry = z
  .object({ at: z.string(), actor: z.string(), action: z.string(), summary: z.string() })
  .meta({ id: 'AuditEntry' });

export const unitDetail = unit
  .extend({
    parent: unitRef.nullable(),
    predecessors: z.array(unitRef),
    successors: z.array(unitRef),
    history: z.array(auditEntry),
    statisticalCode: z.string().nullable(),
    legalBasis: z.string().nullable(),
  })
  .meta({ id: 'UnitDetail' });

export const unitListQuery = z.strictObject({
  asOf: isoDate.optional(),
  parentId: z.union([uuid, z.literal('root')]).optional(),
  q: z.string().max(200).optional(),
  type: unitType.optional(),
  limit,
  cursor: z.string().max(500).optional(),
});

export const unitPage = pageOf(unit);

export const createUnitBody = z.strictObject({
  code: unitCode,
  name: text(300),
  shortName: optionalText(100),
  type: unitType,
  parentId: uuid.nullable(),
  validFrom: isoDate,
  validTo: isoDate.nullable().optional(),
  statisticalCode: optionalText(20),
  legalBasis: optionalText(500),
});
export type CreateUnitInput = z.infer<typeof createUnitBody>;

export const updateUnitBody = createUnitBody.partial();
export type UpdateUnitInput = z.infer<typeof updateUnitBody>;

export const reorganisationBody = z.strictObject({
  kind: z.enum(['MERGE', 'SPLIT']),
  effectiveDate: isoDate,
  legalBasis: text(500),
  sourceIds: z.array(uuid).min(1).max(50),
  targets: z
    .array(
      z.strictObject({
        code: unitCode,
        name: text(300),
        shortName: optionalText(100),
        type: unitType,
        parentId: uuid.nullable(),
      }),
    )
    .min(1)
    .max(50),
});
export type ReorganisationInput = z.infer<typeof reorganisationBody>;
