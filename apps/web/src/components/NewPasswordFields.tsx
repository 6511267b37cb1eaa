import { Stack } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../auth/password';
import { PasswordField } from './PasswordField';

export interface NewPasswordValues {
  readonly newPassword: string;
  readonly confirmation: string;
}

/** New password and its confirmation, with the rule stated before the user types. */
export function NewPasswordFields({
  values,
  onChange,
  newPasswordError,
  confirmationError,
  newPasswordRef,
  confirmationRef,
}: {
  values: NewPasswordValues;
  onChange: (values: NewPasswordValues) => void;
  newPasswordError?: string;
  confirmationError?: string;
  newPasswordRef?: Ref<HTMLInputElement>;
  confirmationRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PasswordField
        ref={newPasswordRef}
        label={t('password.new')}
        description={t('password.rule', { min: PASSWORD_MIN_LENGTH })}
        name="new-password"
        autoComplete="new-password"
        required
        withAsterisk={false}
        value={values.newPassword}
        onChange={(event) => onChange({ ...values, newPassword: event.currentTarget.value })}
        error={newPasswordError}
      />
      <PasswordField
        ref={confirmationRef}
        label={t('password.confirm')}
        name="confirm-password"
        autoComplete="new-password"
        required
        withAsterisk={false}
        value={values.confirmation}
        onChange={(event) => onChange({ ...values, confirmation: event.currentTarget.value })}
        error={confirmationError}
      />
    </Stack>
  );
}
