import {
  Alert,
  Box,
  Button,
  Group,
  Image,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmMfaEnrolment, startMfaEnrolment } from '../api/auth';
import { isApiError } from '../api/client';
import { groupSecret, normaliseTotpCode } from '../auth/codes';
import { CopyTextButton } from './CopyTextButton';
import { ErrorAlert, useErrorText } from './ErrorAlert';
import { IconInfoCircle } from './icons';
import { OneTimeCodeField } from './OneTimeCodeField';
import { useQrCode } from './useQrCode';

export const MFA_ENROLMENT_QUERY_KEY = ['mfa-enrolment'] as const;
const QR_SIZE = 200;

interface Props {
  /** Enrolment demanded at sign-in, or chosen from the account's security page. */
  readonly required: boolean;
  readonly onConfirmed: (recoveryCodes: string[]) => void;
}

/**
 * Setting up the authenticator app: QR code and secret, then the first code to prove it works.
 * `POST /api/auth/mfa/enrolment` creates a new pending secret each time, so it runs once per visit
 * (a query shared by React's double mount, dropped when the screen is left).
 */
export function MfaEnrolment({ required, onConfirmed }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [restarted, setRestarted] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  const enrolment = useQuery({
    queryKey: MFA_ENROLMENT_QUERY_KEY,
    queryFn: startMfaEnrolment,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const qrCode = useQrCode(enrolment.data?.otpauthUrl);

  const confirm = useMutation({
    mutationFn: confirmMfaEnrolment,
    onSuccess: ({ recoveryCodes }) => onConfirmed(recoveryCodes),
    onError: (error) => {
      if (!isApiError(error)) return;
      if (error.code === 'INVALID_MFA_CODE') {
        setFieldError(errorText(error));
        codeRef.current?.select();
        codeRef.current?.focus();
      } else if (error.code === 'MFA_ENROLMENT_NOT_STARTED') {
        // The pending secret expired: prepare a new one, and say that the app must scan it again.
        setRestarted(true);
        setCode('');
        void enrolment.refetch();
      }
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const normalised = normaliseTotpCode(code);
    if (normalised === null) {
      setFieldError(t('mfa.codeRequired'));
      codeRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    confirm.mutate(normalised);
  };

  const formError =
    confirm.isError &&
    !(isApiError(confirm.error) && ['INVALID_MFA_CODE', 'MFA_ENROLMENT_NOT_STARTED'].includes(confirm.error.code));

  return (
    <Stack gap="lg">
      <Title order={1}>{t('enrol.title')}</Title>
      <Text>{t(required ? 'enrol.introRequired' : 'enrol.introVoluntary')}</Text>

      <Stack gap="xs" component="section" aria-labelledby="enrol-step-app">
        <Title order={2} size="h4" id="enrol-step-app">
          {t('enrol.stepApp')}
        </Title>
        <Text>{t('enrol.stepAppBody')}</Text>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="enrol-step-scan">
        <Title order={2} size="h4" id="enrol-step-scan">
          {t('enrol.stepScan')}
        </Title>
        {restarted && (
          <Alert color="blue" variant="outline" icon={<IconInfoCircle />} role="status">
            <Text inherit>{t('enrol.restarted')}</Text>
          </Alert>
        )}
        {enrolment.isPending || (enrolment.isFetching && restarted) ? (
          <Stack gap="sm" aria-busy="true">
            <VisuallyHidden role="status">{t('enrol.loading')}</VisuallyHidden>
            <Skeleton height={QR_SIZE} width={QR_SIZE} />
            <Skeleton height={20} />
          </Stack>
        ) : enrolment.isError ? (
          <Alert color="red" variant="outline" role="alert" title={t('enrol.startError')}>
            <Stack gap="sm" align="flex-start">
              <Text inherit>{errorText(enrolment.error)}</Text>
              <Button onClick={() => void enrolment.refetch()} loading={enrolment.isFetching}>
                {t('enrol.retry')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <>
            <Text>{t('enrol.stepScanBody')}</Text>
            <Box w={QR_SIZE} h={QR_SIZE}>
              {qrCode ? (
                <Image src={qrCode} alt={t('enrol.qrAlt')} w={QR_SIZE} h={QR_SIZE} />
              ) : (
                <Skeleton height={QR_SIZE} width={QR_SIZE} />
              )}
            </Box>
            <Textarea
              label={t('enrol.secretLabel')}
              description={t('enrol.secretHint')}
              value={groupSecret(enrolment.data.secret)}
              readOnly
              autosize
              minRows={1}
              spellCheck={false}
              autoCapitalize="none"
              styles={{
                input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-md)' },
              }}
            />
            <Group>
              <CopyTextButton
                value={enrolment.data.secret}
                label={t('enrol.copySecret')}
                copiedLabel={t('enrol.secretCopied')}
              />
            </Group>
          </>
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="enrol-step-code">
        <Title order={2} size="h4" id="enrol-step-code">
          {t('enrol.stepCode')}
        </Title>
        {formError && <ErrorAlert error={confirm.error} />}
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <OneTimeCodeField
              ref={codeRef}
              mode="totp"
              name="code"
              label={t('mfa.codeLabel')}
              description={t('enrol.codeHint')}
              required
              withAsterisk={false}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={fieldError}
            />
            <Button type="submit" loading={confirm.isPending} disabled={!enrolment.isSuccess} fullWidth>
              {t('enrol.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Stack>
  );
}
