import { AppShell, Anchor, Burger, Group, NavLink as MantineNavLink, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, NavigationType, Outlet, useLocation, useMatch, useNavigationType } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';
import { navigationFor, type NavigationEntry } from '../navigation';

const MAIN_ID = 'main';
const NAVBAR_ID = 'main-navigation';

// Until sign-in exists nobody has roles, so everyone sees the common entries only.
const CURRENT_ROLES: readonly string[] = [];

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

function NavItem({ entry, onNavigate }: { entry: NavigationEntry; onNavigate: () => void }) {
  const { t } = useTranslation();
  const active = useMatch({ path: entry.path, end: true }) !== null;
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
  const entries = navigationFor(CURRENT_ROLES);

  // After a navigation the user chose, move focus to the new content so keyboard and screen-reader
  // users do not stay stranded in the menu. Not on the first load or on redirects (REPLACE), where
  // focus must stay at the top of the page for the skip link.
  const location = useLocation();
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
            <LanguageSwitch />
          </Group>
        </AppShell.Header>

        {/* data-closed lets styles.css hide the folded menu on small screens (see there). */}
        <AppShell.Navbar id={NAVBAR_ID} aria-label={t('app.mainNavigation')} p="sm" mod={{ closed: !opened }}>
          <Stack component="ul" gap={2} className="plain-list">
            {entries.map((entry) => (
              <NavItem key={entry.key} entry={entry} onNavigate={close} />
            ))}
          </Stack>
        </AppShell.Navbar>

        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
