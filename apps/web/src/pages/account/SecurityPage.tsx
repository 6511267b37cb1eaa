import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from '../../auth/session';
import { NoticeAlert } from '../../components/ErrorAlert';
import { IconCircleCheck, IconInfoCircle } from '../../components/icons';
import { ACCOUNT_MFA_PATH, ACCOUNT_PASSWORD_PATH } from './paths';

/** Router state a page may leave to say what it just did. */
export interface SecurityNoticeState {
  readonly notice?: 'mfaEnabled' | 'passwordChanged';
}

function noticeOf(state: unknown): SecurityNoticeState['notice'] {
  if (typeof state !== 'object' || state === null) return undefined;
  const notice = (state as SecurityNoticeState).notice;
  return notice === 'mfaEnabled' || notice === 'passwordChanged' ? notice : undefined;
}

export function SecurityPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useSession().data?.me;
  const notice = noticeOf(location.state);
  const mfaEnabled = me?.mfaEnabled ?? false;

  return (
    <Stack gap="lg" maw={720}>
      <Title order={1}>{t('security.title')}</Title>
      {notice === 'mfaEnabled' && <NoticeAlert>{t('security.mfaEnabledNotice')}</NoticeAlert>}
      {notice === 'passwordChanged' && <NoticeAlert>{t('password.success')}</NoticeAlert>}

      <Paper withBorder p="md" component="section" aria-labelledby="security-password-heading">
        <Stack gap="sm" align="flex-start">
          <Title order={2} size="h4" id="security-password-heading">
            {t('security.passwordHeading')}
          </Title>
          <Text>{t('security.passwordBody')}</Text>
          <Anchor component={Link} to={ACCOUNT_PASSWORD_PATH}>
            {t('security.passwordLink')}
          </Anchor>
        </Stack>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="security-mfa-heading">
        <Stack gap="sm" align="flex-start">
          <Group gap="sm" wrap="wrap">
            <Title order={2} size="h4" id="security-mfa-heading">
              {t('security.mfaHeading')}
            </Title>
            {/* The state in words; colour on the icon only, as a second cue (as on the status page). */}
            <Group gap={4} wrap="nowrap" data-state={mfaEnabled ? 'on' : 'off'}>
              {mfaEnabled ? (
                <IconCircleCheck size={18} color="var(--mantine-color-green-8)" />
              ) : (
                <IconInfoCircle size={18} color="var(--mantine-color-gray-7)" />
              )}
              <Text span fw={600} size="sm">
                {t(mfaEnabled ? 'security.mfaOn' : 'security.mfaOff')}
              </Text>
            </Group>
          </Group>
          <Text>{t(mfaEnabled ? 'security.mfaOnBody' : 'security.mfaOffBody')}</Text>
          {!mfaEnabled && (
            <Anchor component={Link} to={ACCOUNT_MFA_PATH}>
              {t('security.mfaLink')}
            </Anchor>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
