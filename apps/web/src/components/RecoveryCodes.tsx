import { Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recoveryCodesText } from '../auth/codes';
import { CopyTextButton } from './CopyTextButton';
import { ErrorAlert } from './ErrorAlert';
import { IconAlertTriangle } from './icons';

const FILE_NAME = 'envol-codes-de-secours.txt';

function download(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = FILE_NAME;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The recovery codes, shown once: copy, print or download them, then say they are kept. The page's
 * single h1 is this step's title, and takes focus when the step appears.
 */
export function RecoveryCodes({
  codes,
  onContinue,
  continuing,
  error: continueError,
}: {
  codes: readonly string[];
  onContinue: () => void;
  continuing: boolean;
  /** Why continuing failed (the codes stay on screen). */
  error?: unknown;
}) {
  const { t } = useTranslation();
  const [kept, setKept] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const checkboxRef = useRef<HTMLInputElement>(null);
  const text = recoveryCodesText(t('codes.fileHeader'), codes);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // Closing or reloading the tab would lose the codes for good: the browser asks first, until
  // the user says they kept them.
  useEffect(() => {
    if (kept) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [kept]);

  const onContinueClick = () => {
    if (!kept) {
      setError(t('codes.keptRequired'));
      checkboxRef.current?.focus();
      return;
    }
    onContinue();
  };

  return (
    <Stack gap="lg">
      <Title order={1} ref={headingRef} tabIndex={-1}>
        {t('codes.title')}
      </Title>
      <Text>{t('codes.intro')}</Text>
      <Alert color="orange" variant="outline" icon={<IconAlertTriangle />} role="note" className="no-print">
        <Text inherit>{t('codes.warning')}</Text>
      </Alert>
      <Paper withBorder p="md" component="section" aria-labelledby="recovery-codes-heading">
        <Title order={2} size="h4" id="recovery-codes-heading" mb="sm">
          {t('codes.listHeading')}
        </Title>
        <SimpleGrid component="ul" cols={2} spacing="xs" className="plain-list recovery-codes">
          {codes.map((code) => (
            <Text component="li" key={code} ff="monospace" fz="lg">
              {code}
            </Text>
          ))}
        </SimpleGrid>
      </Paper>
      <Group gap="sm" className="no-print">
        <CopyTextButton value={codes.join('\n')} label={t('codes.copy')} copiedLabel={t('codes.copied')} />
        <Button variant="default" onClick={() => window.print()}>
          {t('codes.print')}
        </Button>
        <Button variant="default" onClick={() => download(text)}>
          {t('codes.download')}
        </Button>
      </Group>
      <Stack gap="md" className="no-print">
        <Checkbox
          ref={checkboxRef}
          label={t('codes.kept')}
          checked={kept}
          onChange={(event) => {
            setKept(event.currentTarget.checked);
            if (event.currentTarget.checked) setError(undefined);
          }}
          error={error}
        />
        {continueError !== undefined && continueError !== null && <ErrorAlert error={continueError} />}
        <Button onClick={onContinueClick} loading={continuing} fullWidth>
          {t('codes.continue')}
        </Button>
      </Stack>
    </Stack>
  );
}
