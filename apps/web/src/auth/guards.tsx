// Route guards. One rule: the session query decides, and each guard sends the user to the page for
// their stage. Unauthenticated users reach only the sign-in pages, the reset page and the status.
import { Alert, Button, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { Me, Permission } from '@app/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Session } from '../api/auth';
import { IconAlertTriangle } from '../components/icons';
import { mayUse } from '../navigation';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import { homePath, LOGIN_PATH, pathForStage, returnPathOf, type SignInState } from './routing';
import { useSession } from './session';

export function SessionLoading() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" maw={480} aria-busy="true">
      <VisuallyHidden role="status">{t('session.loading')}</VisuallyHidden>
      <Skeleton height={32} width="60%" />
      <Skeleton height={20} />
      <Skeleton height={20} width="80%" />
    </Stack>
  );
}

function SessionError({ onRetry, retrying }: { onRetry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="outline" icon={<IconAlertTriangle />} title={t('session.error.title')} maw={560}>
      <Stack gap="sm" align="flex-start">
        <Text inherit>{t('session.error.body')}</Text>
        <Button onClick={onRetry} loading={retrying}>
          {t('session.error.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}

/**
 * Renders `children(session)` once the session is known, else loading or error. A background
 * refetch that fails keeps the last answer: a network blip must not blank a half-filled form.
 */
function WithSession({ children }: { children: (session: Session) => ReactNode }) {
  const session = useSession();
  if (session.data) return <>{children(session.data)}</>;
  if (session.isError) return <SessionError onRetry={() => void session.refetch()} retrying={session.isFetching} />;
  return <SessionLoading />;
}

/** Screens of a fully signed-in user. */
export function RequireSignedIn() {
  const location = useLocation();
  return (
    <WithSession>
      {({ me, ended }) => {
        if (me?.stage === 'done') return <Outlet />;
        // After an expiry or a deep link, come back to the requested screen once signed in; after
        // signing out, start afresh from the home screen.
        const state: SignInState = ended === 'signedOut' ? {} : { from: `${location.pathname}${location.search}` };
        return <Navigate to={me ? pathForStage(me.stage) : LOGIN_PATH} replace state={state} />;
      }}
    </WithSession>
  );
}

/** The sign-in page: whoever already has a session goes on to their stage. */
export function RequireSignedOut({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  // The page stays usable when /api/me cannot be read: signing in will say what is wrong.
  if (session.isPending) return <SessionLoading />;
  const me = session.data?.me;
  if (me) {
    const target = me.stage === 'done' ? (returnPathOf(location.state) ?? homePath(me.roles)) : pathForStage(me.stage);
    return <Navigate to={target} replace state={location.state as unknown} />;
  }
  return <>{children}</>;
}

/** The MFA step: only while the session waits for it. */
export function RequireStage({ stage, children }: { stage: Me['stage']; children: ReactNode }) {
  const location = useLocation();
  return (
    <WithSession>
      {({ me }) => {
        if (!me) return <Navigate to={LOGIN_PATH} replace />;
        if (me.stage !== stage) {
          const target =
            me.stage === 'done' ? (returnPathOf(location.state) ?? homePath(me.roles)) : pathForStage(me.stage);
          return <Navigate to={target} replace state={location.state as unknown} />;
        }
        return <>{children}</>;
      }}
    </WithSession>
  );
}

/** `/`: the signed-in user's first screen. */
export function HomeRedirect() {
  const session = useSession();
  return <Navigate to={homePath(session.data?.me?.roles ?? [])} replace />;
}

/**
 * Screens that need a permission (libs/contracts, the table the API checks). Inside
 * RequireSignedIn, so the user is known; without the permission, "Accès refusé" in place of the
 * screen, at the same address.
 */
export function RequirePermission({ permission }: { permission: Permission | null }) {
  const session = useSession();
  const roles = session.data?.me?.roles ?? [];
  return mayUse(roles, permission) ? <Outlet /> : <ForbiddenPage />;
}
