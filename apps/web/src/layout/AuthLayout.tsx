import { Anchor, Box, Container, Group, Paper } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { STATUS_PATH } from '../auth/routing';
import { LanguageSwitch } from './LanguageSwitch';

const MAIN_ID = 'main';

/**
 * The frame of the sign-in pages (login, second step, enrolment, password reset): no navigation,
 * one centred column that fits a 390 px screen.
 */
export function AuthLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const mainRef = useRef<HTMLDivElement>(null);

  // Moving between sign-in steps replaces the page's content: put focus at the top of the new one
  // so screen-reader and keyboard users start there. Not on a first load ("default" key), where
  // focus stays at the start of the document.
  useEffect(() => {
    if (location.key === 'default') return;
    mainRef.current?.focus();
  }, [location.key]);

  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group h={56} px="md" justify="space-between" wrap="nowrap">
          <Anchor component={Link} to="/" fw={700} fz="lg" c="inherit" underline="never" aria-label={t('app.homeLink')}>
            {t('app.name')}
          </Anchor>
          <LanguageSwitch />
        </Group>
      </Box>
      <Container component="main" id={MAIN_ID} ref={mainRef} tabIndex={-1} size={480} px="md" py="xl">
        <Paper withBorder radius="md" p={{ base: 'md', xs: 'xl' }}>
          <Outlet />
        </Paper>
      </Container>
      <Container component="footer" size={480} px="md" pb="xl">
        <Anchor component={Link} to={STATUS_PATH} size="sm">
          {t('nav.status')}
        </Anchor>
      </Container>
    </Box>
  );
}
