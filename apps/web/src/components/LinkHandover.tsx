import { Group, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatLongDateTime } from '../format/format';
import { CopyTextButton } from './CopyTextButton';

/**
 * A one-time password link for another user: shown to copy and hand over, or said to be emailed.
 * Nobody ever chooses another user's password; the link lets them choose their own.
 */
export function LinkHandover({ link, expiresAt, email }: { link: string | null; expiresAt: string; email: string }) {
  const { t, i18n } = useTranslation();
  const date = formatLongDateTime(expiresAt, i18n.language);
  if (link === null) return <Text>{t('link.emailed', { email, date })}</Text>;
  return (
    <Stack gap="sm">
      <Textarea
        label={t('link.label')}
        value={link}
        readOnly
        autosize
        minRows={2}
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } }}
      />
      <Text fw={600}>{t('link.handover', { date })}</Text>
      <Group>
        <CopyTextButton value={link} label={t('link.copy')} copiedLabel={t('link.copied')} />
      </Group>
    </Stack>
  );
}
