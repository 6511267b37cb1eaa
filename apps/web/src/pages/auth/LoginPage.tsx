import { Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { login } from '../../api/auth';
import { homePath, pathForStage, returnPathOf } from '../../auth/routing';
import { refreshSession, useSession } from '../../auth/session';
import { ErrorAlert, NoticeAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';

interface FieldErrors {
  email?: string;
  password?: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [attempted, setAttempted] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: async ({ next }) => {
      // Read the new session (its stage and CSRF token) before the next step sends anything.
      const { me } = await refreshSession(queryClient);
      const target = next === 'done' ? (returnPathOf(location.state) ?? homePath(me?.roles ?? [])) : pathForStage(next);
      await navigate(target, { replace: true, state: location.state as unknown });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    const errors: FieldErrors = {};
    if (email.trim() === '') errors.email = t('login.emailRequired');
    if (password === '') errors.password = t('login.passwordRequired');
    setFieldErrors(errors);
    // Focus goes to the first field to fix; its error is read with it.
    if (errors.email || errors.password) {
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    mutation.mutate({ email: email.trim(), password });
  };

  // Why the user is here, until they try to sign in again.
  const ended = attempted ? undefined : session.data?.ended;

  return (
    <Stack gap="lg">
      <Title order={1}>{t('login.title')}</Title>
      {ended === 'expired' && <NoticeAlert>{t('login.notice.expired')}</NoticeAlert>}
      {ended === 'signedOut' && <NoticeAlert>{t('login.notice.signedOut')}</NoticeAlert>}
      <Text>{t('login.intro')}</Text>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            ref={emailRef}
            label={t('login.email')}
            type="email"
            name="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            withAsterisk={false}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldErrors.email}
          />
          <PasswordField
            ref={passwordRef}
            label={t('login.password')}
            name="password"
            autoComplete="current-password"
            required
            withAsterisk={false}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldErrors.password}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
      <Text size="sm" c="dimmed">
        {t('login.forgotten')}
      </Text>
    </Stack>
  );
}
