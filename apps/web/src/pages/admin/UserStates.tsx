import type { AccountStatusValue, UserSummary } from '@app/contracts';
import { useTranslation } from 'react-i18next';
import { StateLabel } from '../../components/StateLabel';

export function StatusState({ status }: { status: AccountStatusValue }) {
  const { t } = useTranslation();
  return status === 'active' ? (
    <StateLabel tone="positive">{t('users.status.active')}</StateLabel>
  ) : (
    <StateLabel tone="negative">{t('users.status.disabled')}</StateLabel>
  );
}

/** Two-step verification: on, required but not set up yet (the user enrols at next sign-in), or off. */
export function MfaState({ user }: { user: Pick<UserSummary, 'mfaEnabled' | 'mfaRequired'> }) {
  const { t } = useTranslation();
  if (user.mfaEnabled) return <StateLabel tone="positive">{t('users.mfa.enabled')}</StateLabel>;
  if (user.mfaRequired) return <StateLabel tone="pending">{t('users.mfa.required')}</StateLabel>;
  return <StateLabel tone="neutral">{t('users.mfa.off')}</StateLabel>;
}
