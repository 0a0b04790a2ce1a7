import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest, onSessionExpired, setCsrfToken } from '../api/client';
import type { Me, Permission } from '../api/types';
import { i18n, rememberLanguage } from '../i18n';

export interface Session {
  me: Me;
  /** The user's time zone, else the tenant's. */
  timeZone: string;
  locale: string;
  can: (permission: Permission) => boolean;
  isTenantAdmin: boolean;
  /** Re-reads /me (after the user changes their own settings). */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

interface SessionState {
  session: Session | null;
  loading: boolean;
  error: ApiError | null;
  /** A signed-in request answered 401: the sign-in dialog is shown over the page. */
  expired: boolean;
  signedIn: (me: Me) => void;
  retry: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

export const ME_QUERY_KEY = ['me'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { i18n: translation } = useTranslation();
  const [expired, setExpired] = useState(false);
  const meQuery = useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: async () => {
      try {
        return await apiRequest<Me>('/api/v1/me', { anonymous: true });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  const me = meQuery.data ?? null;

  useEffect(() => {
    setCsrfToken(me?.csrfToken ?? null);
    const language = me?.user.language ?? me?.tenant.defaultLanguage;
    if (language && language !== i18n.language) rememberLanguage(language);
  }, [me]);

  useEffect(() => onSessionExpired(() => setExpired(true)), []);

  const signedIn = useCallback(
    (next: Me) => {
      setCsrfToken(next.csrfToken);
      queryClient.setQueryData(ME_QUERY_KEY, next);
      setExpired(false);
      // What failed while signed out is fetched again; what was typed stays in the page.
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    },
    [queryClient],
  );

  const session = useMemo<Session | null>(() => {
    if (!me) return null;
    const permissions = new Set(me.permissions);
    return {
      me,
      timeZone: me.user.timeZone ?? me.tenant.timeZone,
      locale: translation.language === 'zh-CN' ? 'zh-CN' : 'en-GB',
      can: (permission) => me.user.tenantAdmin === true || permissions.has(permission),
      isTenantAdmin: me.user.tenantAdmin === true,
      refresh: async () => {
        await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      },
      signOut: async () => {
        try {
          await apiRequest('/api/v1/auth/logout', { method: 'POST', anonymous: true });
        } finally {
          setCsrfToken(null);
          // Null first, so the session observer sees the sign-out; then forget the user's data.
          queryClient.setQueryData(ME_QUERY_KEY, null);
          queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
        }
      },
    };
  }, [me, queryClient, translation.language]);

  const state: SessionState = {
    session,
    loading: meQuery.isPending,
    error: meQuery.error instanceof ApiError ? meQuery.error : null,
    expired: expired && session !== null,
    signedIn,
    retry: () => void meQuery.refetch(),
  };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSessionState outside SessionProvider');
  return state;
}

/** The signed-in session; only for pages rendered inside the signed-in frame. */
export function useSession(): Session {
  const { session } = useSessionState();
  if (!session) throw new Error('useSession without a session');
  return session;
}
