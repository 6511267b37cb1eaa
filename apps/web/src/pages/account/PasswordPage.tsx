import { Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { changePassword } from '../../api/auth';
import { isApiError } from '../../api/client';
import { checkNewPassword, NEW_PASSWORD_CODES, PASSWORD_MIN_LENGTH } from '../../auth/password';
import { refreshSession, useSession } from '../../auth/session';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import { NewPasswordFields, type NewPasswordValues } from '../../components/NewPasswordFields';
import { PasswordField } from '../../components/PasswordField';
import { ACCOUNT_SECURITY_PATH } from './paths';
import type { SecurityNoticeState } from './SecurityPage';

interface FieldErrors {
  currentPassword?: string;
  newPassword?: string;
  confirmation?: string;
}

export function PasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const email = useSession().data?.me?.email ?? '';
  const [currentPassword, setCurrentPassword] = useState('');
  const [values, setValues] = useState<NewPasswordValues>({ newPassword: '', confirmation: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const currentRef = useRef<HTMLInputElement>(null);
  const newPasswordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: async () => {
      // The server ended the other sessions; this one goes on, with whatever CSRF token it now has.
      await refreshSession(queryClient);
      const state: SecurityNoticeState = { notice: 'passwordChanged' };
      await navigate(ACCOUNT_SECURITY_PATH, { state });
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      if (error.code === 'INVALID_CREDENTIALS') {
        setErrors({ currentPassword: t('password.currentWrong') });
        currentRef.current?.focus();
      } else if (NEW_PASSWORD_CODES.has(error.code)) {
        setErrors({ newPassword: errorText(error) });
        newPasswordRef.current?.focus();
      }
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkNewPassword(values.newPassword, values.confirmation);
    const next: FieldErrors = {
      currentPassword: currentPassword === '' ? t('password.currentRequired') : undefined,
      newPassword: problems.newPassword ? t('errors.passwordTooShort', { min: PASSWORD_MIN_LENGTH }) : undefined,
      confirmation: problems.confirmation ? t('password.mismatch') : undefined,
    };
    setErrors(next);
    const firstInvalid = next.currentPassword
      ? currentRef
      : next.newPassword
        ? newPasswordRef
        : next.confirmation
          ? confirmationRef
          : null;
    if (firstInvalid) {
      firstInvalid.current?.focus();
      return;
    }
    mutation.mutate({ currentPassword, newPassword: values.newPassword });
  };

  const fieldCodes = new Set([...NEW_PASSWORD_CODES, 'INVALID_CREDENTIALS']);
  const formError = mutation.isError && !(isApiError(mutation.error) && fieldCodes.has(mutation.error.code));

  return (
    <Stack gap="lg" maw={560}>
      <Title order={1}>{t('password.title')}</Title>
      <Text>{t('password.intro')}</Text>
      {formError && <ErrorAlert error={mutation.error} />}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {/* Lets password managers tie the new password to the right account (never shown). */}
          <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
          <PasswordField
            ref={currentRef}
            label={t('password.current')}
            name="current-password"
            autoComplete="current-password"
            required
            withAsterisk={false}
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
            error={errors.currentPassword}
          />
          <NewPasswordFields
            values={values}
            onChange={setValues}
            newPasswordError={errors.newPassword}
            confirmationError={errors.confirmation}
            newPasswordRef={newPasswordRef}
            confirmationRef={confirmationRef}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth>
            {t('password.submit')}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to={ACCOUNT_SECURITY_PATH}>
        {t('security.back')}
      </Anchor>
    </Stack>
  );
}
