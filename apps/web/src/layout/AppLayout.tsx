import { AppShell, Anchor, Burger, Button, Group, NavLink as MantineNavLink, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, NavigationType, Outlet, useLocation, useNavigate, useNavigationType } from 'react-router';
import { logout } from '../api/auth';
import { isApiError } from '../api/client';
import { LOGIN_PATH } from '../auth/routing';
import { endSession, useSession } from '../auth/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { currentEntryKey, navigationFor, type NavigationEntry } from '../navigation';
import { AccountMenu } from './AccountMenu';
import { isDoubleEscape, quickExit } from './quickExit';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';

const MAIN_ID = 'main';
const NAVBAR_ID = 'main-navigation';

function focusMain(): void {
  const main = document.getElementById(MAIN_ID);
  main?.focus();
  main?.scrollIntoView({ block: 'start' });
}

function SkipLink() {
  const { t } = useTranslation();
  // Handled in script so the URL does not gain a "#main" the router would then have to ignore.
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusMain();
  };
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={onClick}>
      {t('app.skipToContent')}
    </a>
  );
}

function NavItem({ entry, active, onNavigate }: { entry: NavigationEntry; active: boolean; onNavigate: () => void }) {
  const { t } = useTranslation();
  return (
    <li>
      <MantineNavLink
        component={NavLink}
        to={entry.path}
        end
        label={t(entry.labelKey)}
        active={active}
        onClick={onNavigate}
      />
    </li>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const session = useSession();
  // Only a fully signed-in user has an account menu; the second step is not signed in yet.
  const me = session.data?.me?.stage === 'done' ? session.data.me : null;
  const entries = navigationFor(me?.roles ?? []);

  // Quick exit: Escape twice within a second, from anywhere while signed in (dialogs included:
  // the first press may close one, the second still leaves).
  const lastEscape = useRef<number | null>(null);
  const signedIn = me !== null;
  useEffect(() => {
    if (!signedIn) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const now = Date.now();
      if (isDoubleEscape(lastEscape.current, now)) quickExit();
      else lastEscape.current = now;
    };
    // Capture: a dialog or menu stopping the event must not stop the exit.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [signedIn]);

  const navigate = useNavigate();
  // Forget the user's data first, then open the sign-in page, which says they are signed out
  // (from any screen, the public service status included).
  const signedOut = () => {
    endSession(queryClient, 'signedOut');
    void navigate(LOGIN_PATH, { replace: true });
  };
  const signOut = useMutation({
    mutationFn: logout,
    onSuccess: signedOut,
    onError: (error) => {
      // A session that had already ended is as good as signed out.
      if (isApiError(error) && error.status === 401) signedOut();
    },
  });
  const signOutFailed = signOut.isError && !(isApiError(signOut.error) && signOut.error.status === 401);

  // After a navigation the user chose, move focus to the new content so keyboard and screen-reader
  // users do not stay stranded in the menu. Not on the first load or on redirects (REPLACE), where
  // focus must stay at the top of the page for the skip link.
  const location = useLocation();
  // A detail page (a user's, later a file's) keeps its list's entry marked in the menu.
  const current = currentEntryKey(entries, location.pathname);
  const navigationType = useNavigationType();
  const previousPath = useRef(location.pathname);
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    if (navigationType === NavigationType.Push) focusMain();
  }, [location.pathname, navigationType]);

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t(opened ? 'app.closeNavigation' : 'app.openNavigation')}
                aria-expanded={opened}
                aria-controls={NAVBAR_ID}
              />
              <Anchor
                component={Link}
                to="/"
                fw={700}
                fz="lg"
                c="inherit"
                underline="never"
                aria-label={t('app.homeLink')}
              >
                {t('app.name')}
              </Anchor>
            </Group>
            <Group gap="xs" wrap="nowrap">
              {me && (
                <Button color="red" size="compact-sm" onClick={() => quickExit()} title={t('quickExit.hint')}>
                  {t('quickExit.button')}
                </Button>
              )}
              <LanguageSwitch />
              {me && <NotificationBell />}
              {me ? (
                <AccountMenu me={me} onSignOut={() => signOut.mutate()} signingOut={signOut.isPending} />
              ) : session.isPending ? null : (
                <Button component={Link} to={LOGIN_PATH} variant="default" size="compact-sm">
                  {t('app.signIn')}
                </Button>
              )}
            </Group>
          </Group>
        </AppShell.Header>

        {/* data-closed lets styles.css hide the folded menu on small screens (see there). */}
        <AppShell.Navbar id={NAVBAR_ID} aria-label={t('app.mainNavigation')} p="sm" mod={{ closed: !opened }}>
          <Stack component="ul" gap={2} className="plain-list">
            {entries.map((entry) => (
              <NavItem key={entry.key} entry={entry} active={entry.key === current} onNavigate={close} />
            ))}
          </Stack>
        </AppShell.Navbar>

        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          {signOutFailed && (
            <Stack mb="md" maw={720}>
              <ErrorAlert message={t('account.signOutFailed')} />
            </Stack>
          )}
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
