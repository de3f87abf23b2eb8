import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi } from '../api/auth';
import { ApiError, onUnauthorized, setCsrfToken } from '../api/client';
import type { Role, Session, User } from '../api/types';

type AuthStatus = 'loading' | 'anonymous' | 'authenticated';

interface AuthValue {
  status: AuthStatus;
  user: User | null;
  /** Error of the initial session check other than 401 (e.g. server down). */
  error: unknown;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  /** Re-read /auth/me (e.g. after the admin changed their own grants). */
  refresh: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<unknown>(null);

  const accept = useCallback((s: Session) => {
    setCsrfToken(s.csrfToken);
    setUser(s.user);
    setStatus('authenticated');
    setError(null);
  }, []);

  const clear = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
    setStatus('anonymous');
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await authApi.me());
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) setError(e);
      clear();
    }
  }, [accept, clear]);

  useEffect(() => {
    void refresh();
    onUnauthorized(clear);
    return () => onUnauthorized(null);
  }, [refresh, clear]);

  const login = useCallback(
    async (username: string, password: string) => {
      const s = await authApi.login(username, password);
      accept(s);
      return s.user;
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      clear();
    }
  }, [clear]);

  const hasRole = useCallback((...roles: Role[]) => !!user && user.grants.some((g) => roles.includes(g.role)), [user]);

  const value = useMemo(
    () => ({ status, user, error, login, logout, refresh, hasRole }),
    [status, user, error, login, logout, refresh, hasRole],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('AuthProvider missing');
  return ctx;
}
