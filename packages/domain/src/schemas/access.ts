import { z } from 'zod';
import { limit, pageOf, text, uuid } from './common';
import { roles } from '../access/roles';

export const role = z.enum(roles);

export const grant = z
  .object({
    id: uuid,
    role,
    unitId: uuid,
    unitCode: z.string(),
    unitName: z.string(),
    includeSubtree: z.boolean(),
  })
  .meta({ id: 'Grant' });
export type Grant = z.infer<typeof grant>;

export const user = z
  .object({
    id: uuid,
    username: z.string(),
    fullName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    active: z.boolean(),
    grants: z.array(grant),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof user>;

export const username = z
  .string()
  .overwrite((s) => s.trim().toLowerCase())
  .pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'Tên đăng nhập gồm 2–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch.'),
  );
export const password = z.string().min(10, 'Mật khẩu tối thiểu 10 ký tự.').max(200);
const email = z.email('Địa chỉ thư điện tử không hợp lệ.').max(200);
const phone = z.string().regex(/^\+?[0-9 .-]{8,20}$/, 'Số điện thoại không hợp lệ.');

export const loginBody = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
export const session = z.object({ user, csrfToken: z.string() }).meta({ id: 'Session' });

export const createUserBody = z.strictObject({
  username,
  fullName: text(200),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  password,
});
export const updateUserBody = z.strictObject({
  fullName: text(200).optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  active: z.boolean().optional(),
  password: password.optional(),
});
export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const userListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  limit,
  cursor: z.string().max(500).optional(),
});
export const userPage = pageOf(user);

export const createGrantBody = z.strictObject({ role, unitId: uuid, includeSubtree: z.boolean().default(false) });
export type CreateGrantInput = z.infer<typeof createGrantBody>;

export const createApiTokenBody = z.strictObject({
  name: text(100),
  expiresInDays: z.number().int().min(1).max(730).optional(),
});
export const apiToken = z
  .object({
    id: uuid,
    name: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export const createdApiToken = apiToken.extend({ token: z.string() }).meta({ id: 'CreatedApiToken' });
