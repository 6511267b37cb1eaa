import { Alert, Button, Group, Paper, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from './ErrorAlert';
import { IconAlertTriangle, IconInfoCircle } from './icons';

/** Placeholder rows while a list loads (skeletons, not spinners: UI.md), announced once in words. */
export function ListSkeleton({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <Stack gap="sm" aria-busy="true">
      <VisuallyHidden role="status">{label}</VisuallyHidden>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={44} />
      ))}
    </Stack>
  );
}

/** A list or a record that could not be loaded: why, in words, and a way to try again. */
export function LoadError({ error, onRetry, retrying }: { error: unknown; onRetry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Alert color="red" variant="outline" icon={<IconAlertTriangle />} role="alert">
      <Stack gap="sm" align="flex-start">
        {/* No Alert title: its coloured text would miss 4.5:1; the black body text passes. */}
        <Text inherit fw={700}>
          {t('common.loadError')}
        </Text>
        <Text inherit>{errorText(error)}</Text>
        <Button variant="default" onClick={onRetry} loading={retrying}>
          {t('common.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}

/** An empty list says why it is empty and what to do next (UI.md "Calm"). */
export function EmptyState({ children, action }: { children: string; action?: ReactNode }) {
  return (
    <Paper withBorder p="md" bg="gray.0">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconInfoCircle color="var(--mantine-color-gray-7)" style={{ flexShrink: 0 }} />
        <Stack gap="sm" align="flex-start">
          <Text>{children}</Text>
          {action}
        </Stack>
      </Group>
    </Paper>
  );
}
