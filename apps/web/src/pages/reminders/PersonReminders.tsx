import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchPersonReminders, reminderKeys } from '../../api/reminders';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { ReminderCard } from './ReminderCard';

/** A file's reminders (open ones and the done ones), in the file's "Rappels" tab. */
export function PersonReminders({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: reminderKeys.person(personId),
    queryFn: ({ signal }) => fetchPersonReminders(personId, signal),
  });
  if (list.isPending) return <ListSkeleton label={t('reminders.loading')} />;
  if (list.isError)
    return <LoadError error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />;
  if (list.data.items.length === 0) return <EmptyState>{t('reminders.noneForFile')}</EmptyState>;
  return (
    <Stack gap="xs" pt="md">
      {list.data.items.map((reminder) => (
        <ReminderCard key={reminder.id} reminder={reminder} actions={false} />
      ))}
    </Stack>
  );
}
