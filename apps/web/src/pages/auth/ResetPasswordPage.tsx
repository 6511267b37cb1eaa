import { Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { resetPassword } from '../../api/auth';
import { isApiError } from '../../api/client';
import { checkNewPassword, NEW_PASSWORD_CODES, PASSWORD_MIN_LENGTH } from '../../auth/password';
import { LOGIN_PATH, resetTokenFromHash } from '../../auth/routing';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import { NewPasswordFields, type NewPasswordValues } from '../../components/NewPasswordFields';

function isLinkProblem(error: unknown): boolean {
  if (!isApiError(error)) return false;
  if (error.code === 'RESET_LINK_INVALID') return true;
  return error.code === 'VALIDATION_FAILED' && error.details.some((detail) => detail.field === 'token');
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  // Read once, before the effect below removes the fragment from the address bar and history.
  const [token] = useState(() => resetTokenFromHash(window.location.hash));
  const [values, setValues] = useState<NewPasswordValues>({ newPassword: '', confirmation: '' });
  const [errors, setErrors] = useState<{ newPassword?: string; confirmation?: string }>({});
  const newPasswordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  const doneHeadingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (window.location.hash === '') return;
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  }, []);

  const mutation = useMutation({
    mutationFn: resetPassword,
    onError: (error) => {
      if (isApiError(error) && NEW_PASSWORD_CODES.has(error.code)) {
        setErrors({ newPassword: errorText(error) });
        newPasswordRef.current?.focus();
      }
    },
  });

  useEffect(() => {
    if (mutation.isSuccess) doneHeadingRef.current?.focus();
  }, [mutation.isSuccess]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!token) return;
    const problems = checkNewPassword(values.newPassword, values.confirmation);
    const next = {
      newPassword: problems.newPassword ? t('errors.passwordTooShort', { min: PASSWORD_MIN_LENGTH }) : undefined,
      confirmation: problems.confirmation ? t('password.mismatch') : undefined,
    };
    setErrors(next);
    if (next.newPassword || next.confirmation) {
      (next.newPassword ? newPasswordRef : confirmationRef).current?.focus();
      return;
    }
    mutation.mutate({ token, newPassword: values.newPassword });
  };

  if (mutation.isSuccess) {
    return (
      <Stack gap="lg">
        <Title order={1} ref={doneHeadingRef} tabIndex={-1}>
          {t('reset.doneTitle')}
        </Title>
        <Text>{t('reset.doneBody')}</Text>
        <Button component={Link} to={LOGIN_PATH} replace>
          {t('reset.toLogin')}
        </Button>
      </Stack>
    );
  }

  const linkProblem = !token || isLinkProblem(mutation.error);
  const formError =
    mutation.isError && !linkProblem && !(isApiError(mutation.error) && NEW_PASSWORD_CODES.has(mutation.error.code));

  return (
    <Stack gap="lg">
      <Title order={1}>{t('reset.title')}</Title>
      {linkProblem ? (
        <>
          <ErrorAlert message={t(token ? 'errors.resetLinkInvalid' : 'reset.missing')} />
          <Anchor component={Link} to={LOGIN_PATH}>
            {t('reset.toLogin')}
          </Anchor>
        </>
      ) : (
        <>
          <Text>{t('reset.intro')}</Text>
          {formError && <ErrorAlert error={mutation.error} />}
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <NewPasswordFields
                values={values}
                onChange={setValues}
                newPasswordError={errors.newPassword}
                confirmationError={errors.confirmation}
                newPasswordRef={newPasswordRef}
                confirmationRef={confirmationRef}
              />
              <Button type="submit" loading={mutation.isPending} fullWidth>
                {t('reset.submit')}
              </Button>
            </Stack>
          </form>
        </>
      )}
    </Stack>
  );
}
