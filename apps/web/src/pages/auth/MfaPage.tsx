import { Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { logout, verifyMfa } from '../../api/auth';
import { isApiError } from '../../api/client';
import { normaliseRecoveryCode, normaliseTotpCode } from '../../auth/codes';
import { homePath, pathForStage, returnPathOf } from '../../auth/routing';
import { endSession, refreshSession } from '../../auth/session';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert';
import { OneTimeCodeField } from '../../components/OneTimeCodeField';

type Mode = 'totp' | 'recovery';

export function MfaPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('totp');
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);

  const mutation = useMutation({
    mutationFn: verifyMfa,
    onSuccess: async ({ next }) => {
      const { me } = await refreshSession(queryClient);
      const target = next === 'done' ? (returnPathOf(location.state) ?? homePath(me?.roles ?? [])) : pathForStage(next);
      await navigate(target, { replace: true });
    },
    onError: async (error) => {
      if (!isApiError(error)) return;
      if (error.code === 'INVALID_MFA_CODE') {
        // Said on the field itself, which takes focus with its text selected for retyping.
        setFieldError(mode === 'totp' ? errorText(error) : t('mfa.recoveryInvalid'));
        inputRef.current?.select();
        inputRef.current?.focus();
      } else if (error.code === 'MFA_NOT_PENDING') {
        // The second step is no longer pending (it timed out, or finished in another tab): the
        // session query sends the user where they now belong.
        await refreshSession(queryClient);
      }
    },
  });

  const cancel = useMutation({
    mutationFn: logout,
    onSettled: () => endSession(queryClient, 'signedOut'),
  });

  const switchMode = () => {
    setMode(mode === 'totp' ? 'recovery' : 'totp');
    setCode('');
    setFieldError(undefined);
    mutation.reset();
    // The field is replaced; put the cursor in the new one.
    requestAnimationFrame(() => inputRef.current?.focus());
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const normalised = mode === 'totp' ? normaliseTotpCode(code) : normaliseRecoveryCode(code);
    if (normalised === null) {
      setFieldError(t(mode === 'totp' ? 'mfa.codeRequired' : 'mfa.recoveryRequired'));
      inputRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    mutation.mutate(normalised);
  };

  return (
    <Stack gap="lg">
      <Title order={1}>{t('mfa.title')}</Title>
      <Text>{t(mode === 'totp' ? 'mfa.intro' : 'mfa.recoveryIntro')}</Text>
      {mutation.isError && !(isApiError(mutation.error) && mutation.error.code === 'INVALID_MFA_CODE') && (
        <ErrorAlert error={mutation.error} />
      )}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <OneTimeCodeField
            key={mode}
            ref={inputRef}
            mode={mode}
            name={mode === 'totp' ? 'code' : 'recoveryCode'}
            label={t(mode === 'totp' ? 'mfa.codeLabel' : 'mfa.recoveryLabel')}
            description={t(mode === 'totp' ? 'mfa.codeHint' : 'mfa.recoveryHint')}
            required
            withAsterisk={false}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={fieldError}
          />
          <Button type="submit" loading={mutation.isPending} fullWidth>
            {t('mfa.submit')}
          </Button>
        </Stack>
      </form>
      <Stack gap="xs" align="flex-start">
        <Anchor component="button" type="button" onClick={switchMode}>
          {t(mode === 'totp' ? 'mfa.useRecovery' : 'mfa.useApp')}
        </Anchor>
        <Anchor component="button" type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
          {t('mfa.cancel')}
        </Anchor>
      </Stack>
    </Stack>
  );
}
