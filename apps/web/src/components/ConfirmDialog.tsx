import { Button, Group, Stack } from '@mantine/core';
import { Dialog } from './Dialog';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

/**
 * Asks before an action with consequences, saying them in words (sessions closed, access lost).
 * Focus starts on "Annuler" for a dangerous action, on the action otherwise; Escape cancels and
 * focus goes back to the button that opened the dialog.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  danger = false,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  /** Why the action failed; the dialog stays open to retry or cancel. */
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      opened={opened}
      onClose={onClose}
      title={title}
      // While the request runs, closing would hide its outcome.
      closeOnEscape={!pending}
      closeOnClickOutside={!pending}
    >
      <Stack gap="md">
        {children}
        {error !== undefined && error !== null && <ErrorAlert error={error} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending} data-autofocus={danger || undefined}>
            {t('common.cancel')}
          </Button>
          <Button
            color={danger ? 'red' : undefined}
            onClick={onConfirm}
            loading={pending}
            data-autofocus={!danger || undefined}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
