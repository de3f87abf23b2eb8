import { z } from 'zod';
import { isIsoDate } from '../units/effectiveDating';

// Vietnamese validation messages by default, for the server and the web app alike.
z.config(z.locales.vi());

/** Text from outside is NFC-normalised and trimmed at the edge (Tinos and search both depend on NFC). */
export const text = (max = 500) =>
  z
    .string()
    .overwrite((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, 'Không được để trống.').max(max, `Tối đa ${max} ký tự.`));

export const optionalText = (max = 500) =>
  z
    .string()
    .overwrite((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max, `Tối đa ${max} ký tự.`))
    .nullable()
    .optional();

export const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'Ngày phải có dạng YYYY-MM-DD và là ngày có thật.' })
  .meta({ format: 'date', example: '2025-07-01' });

export const uuid = z.uuid({ message: 'Mã định danh không hợp lệ.' });

export const limit = z.coerce.number().int().min(1).max(500).default(50);

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
