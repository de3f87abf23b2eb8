import { api } from './client';
import type { Grant, GrantInput, Page, User, UserCreateInput, UserPatch } from './types';

const enc = encodeURIComponent;

export const usersApi = {
  list: (p: { q?: string; limit?: number; cursor?: string | null }) => api.get<Page<User>>('/users', { ...p }),
  get: (id: string) => api.get<User>(`/users/${enc(id)}`),
  create: (body: UserCreateInput) => api.post<User>('/users', body),
  update: (id: string, patch: UserPatch) => api.patch<User>(`/users/${enc(id)}`, patch),
  addGrant: (userId: string, body: GrantInput) => api.post<Grant>(`/users/${enc(userId)}/grants`, body),
  revokeGrant: (userId: string, grantId: string) => api.del(`/users/${enc(userId)}/grants/${enc(grantId)}`),
};
