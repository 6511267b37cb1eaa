import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { refreshSession, useSession } from '../../auth/session';
import { MfaEnrolment } from '../../components/MfaEnrolment';
import { RecoveryCodes } from '../../components/RecoveryCodes';
import { ACCOUNT_SECURITY_PATH } from './paths';
import type { SecurityNoticeState } from './SecurityPage';

/** Enrolment chosen by a signed-in user, from the account's security page. */
export function AccountMfaPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useSession().data?.me;
  const [codes, setCodes] = useState<string[] | null>(null);

  const finish = useMutation({
    mutationFn: () => refreshSession(queryClient),
    onSuccess: async () => {
      const state: SecurityNoticeState = { notice: 'mfaEnabled' };
      await navigate(ACCOUNT_SECURITY_PATH, { replace: true, state });
    },
  });

  if (codes) {
    return (
      <Stack maw={640}>
        <RecoveryCodes
          codes={codes}
          onContinue={() => finish.mutate()}
          continuing={finish.isPending}
          error={finish.error}
        />
      </Stack>
    );
  }
  if (me?.mfaEnabled) {
    return (
      <Stack gap="lg" maw={640} align="flex-start">
        <Title order={1}>{t('enrol.title')}</Title>
        <Text>{t('enrol.alreadyEnabled')}</Text>
        <Anchor component={Link} to={ACCOUNT_SECURITY_PATH}>
          {t('security.back')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <Stack gap="lg" maw={640}>
      <MfaEnrolment required={false} onConfirmed={setCodes} />
      <Anchor component={Link} to={ACCOUNT_SECURITY_PATH}>
        {t('enrol.cancel')}
      </Anchor>
    </Stack>
  );
}
