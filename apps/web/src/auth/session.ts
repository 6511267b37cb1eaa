// The session as a TanStack Query on GET /api/me, and the ways it ends.
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { fetchSession, type Session, type SessionEnd } from '../api/auth';
import { setCsrfToken } from '../api/client';

export const SESSION_QUERY_KEY = ['session'] as const;

const isSessionQuery = (query: { queryKey: readonly unknown[] }) => query.queryKey[0] === SESSION_QUERY_KEY[0];

/** Drops every query and mutation but the session's: what one user loaded is not left for the next. */
function forgetUserData(queryClient: QueryClient): void {
  const others = { predicate: (query: { queryKey: readonly unknown[] }) => !isSessionQuery(query) };
  void queryClient.cancelQueries(others);
  queryClient.removeQueries(others);
  queryClient.getMutationCache().clear();
}

function sessionQueryFn(queryClient: QueryClient) {
  return async ({ signal }: { signal: AbortSignal }): Promise<Session> => {
    const previous = queryClient.getQueryData<Session>(SESSION_QUERY_KEY);
    const session = await fetchSession(previous, signal);
    // The session ended on the server (noticed on a refetch, e.g. when the window regains focus).
    if (previous?.me && !session.me) forgetUserData(queryClient);
    return session;
  };
}

export function useSession() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: sessionQueryFn(queryClient),
    // Fresh enough for navigation; refetched when the window regains focus, which is how an idle
    // session that expired on the server is noticed.
    staleTime: 30_000,
  });
}

/** Reads /api/me now (after a sign-in step), updating the cache and the CSRF token. */
export function refreshSession(queryClient: QueryClient): Promise<Session> {
  return queryClient.fetchQuery({ queryKey: SESSION_QUERY_KEY, queryFn: sessionQueryFn(queryClient), staleTime: 0 });
}

/**
 * Forgets everything the signed-in user loaded, then records that nobody is signed in and why. The
 * route guards take the user to the sign-in page, which says why.
 */
export function endSession(queryClient: QueryClient, reason: SessionEnd): void {
  setCsrfToken(null);
  forgetUserData(queryClient);
  void queryClient.cancelQueries({ queryKey: SESSION_QUERY_KEY });
  queryClient.setQueryData<Session>(SESSION_QUERY_KEY, { me: null, ended: reason });
}
