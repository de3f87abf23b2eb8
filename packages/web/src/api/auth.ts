import { api } from './client';
import type { Session } from './types';

export const authApi = {
  login: (username: string, password: string) => api.post<Session>('/auth/login', { username, password }),
  me: () => api.get<Session>('/auth/me'),
  logout: () => api.post<void>('/auth/logout'),
};
