import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { IconAlertTriangle } from './icons';

/**
 * A 409 VERSION_CONFLICT: someone else saved first. Says so, shows both values when there is one
 * to compare, and lets the user reload theirs away or save theirs over (UI.md "Nothing lost").
 */
export function ConflictAlert({
  mine,
  theirs,
  onReload,
  onKeepMine,
  keeping = false,
  ref,
}: {
  mine?: string;
  theirs?: string;
  onReload: () => void;
  onKeepMine?: () => void;
  keeping?: boolean;
  ref?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  return (
    <Alert ref={ref} color="orange" variant="outline" icon={<IconAlertTriangle />} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text inherit fw={700}>
          {t('conflict.title')}
        </Text>
        <Text inherit>{t('conflict.body')}</Text>
        {mine !== undefined && <Text inherit>{t('conflict.mine', { value: mine })}</Text>}
        {theirs !== undefined && <Text inherit>{t('conflict.theirs', { value: theirs })}</Text>}
        <Group gap="sm" mt="xs">
          <Button onClick={onReload}>{t('conflict.reload')}</Button>
          {onKeepMine && (
            <Button variant="default" onClick={onKeepMine} loading={keeping}>
              {t('conflict.keepMine')}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
