import { Alert, Text } from '@mantine/core';
import { useCallback, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from './icons';

/** The translated sentence for an API error (never its raw code or the server's English message). */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const message = errorMessage(error);
      return t(message.key, message.values ?? {});
    },
    [t],
  );
}

/**
 * An error that concerns the whole form; announced when it appears (role "alert"). Says what
 * `error` stands for, or `message` when given.
 */
export function ErrorAlert({
  error,
  message,
  title,
  ref,
}: {
  error?: unknown;
  message?: string;
  title?: string;
  ref?: Ref<HTMLDivElement>;
}) {
  const errorText = useErrorText();
  return (
    <Alert ref={ref} color="red" variant="outline" icon={<IconAlertTriangle />} title={title} role="alert">
      <Text inherit>{message ?? errorText(error)}</Text>
    </Alert>
  );
}

/** A calm notice (signed out, saved…), announced politely (role "status"). */
export function NoticeAlert({ children }: { children: string }) {
  return (
    <Alert color="blue" variant="outline" icon={<IconInfoCircle />} role="status">
      <Text inherit>{children}</Text>
    </Alert>
  );
}

/**
 * What an action did, in words ("Rôles enregistrés"), announced politely. No Alert title: the
 * green of an outline title would miss 4.5:1; the body text is black.
 */
export function SuccessNotice({ children, ref }: { children: string; ref?: Ref<HTMLDivElement> }) {
  return (
    <Alert
      ref={ref}
      color="green"
      variant="outline"
      icon={<IconCircleCheck color="var(--mantine-color-green-8)" />}
      role="status"
    >
      <Text inherit>{children}</Text>
    </Alert>
  );
}
