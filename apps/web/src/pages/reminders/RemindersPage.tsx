import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  BUCKETS,
  fetchMyReminders,
  fetchOverdueReminders,
  reminderKeys,
  type Reminder,
  type ReminderBucket,
} from '../../api/reminders';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { ReminderCard } from './ReminderCard';

/** "My reminders": overdue, today, this week, later; each with done and snooze. */
export function RemindersPage() {
  const { t } = useTranslation();
  const reminders = useQuery({ queryKey: reminderKeys.mine(), queryFn: ({ signal }) => fetchMyReminders(signal) });
  return (
    <Stack gap="lg" maw={900}>
      <Title order={1}>{t('nav.reminders')}</Title>
      <Text maw={720}>{t('reminders.intro')}</Text>
      {reminders.isPending ? (
        <ListSkeleton label={t('reminders.loading')} />
      ) : reminders.isError ? (
        <LoadError error={reminders.error} onRetry={() => void reminders.refetch()} retrying={reminders.isFetching} />
      ) : reminders.data.items.length === 0 ? (
        <EmptyState>{t('reminders.empty')}</EmptyState>
      ) : (
        BUCKETS.map((bucket) => {
          const items = reminders.data.items.filter((r) => r.bucket === bucket);
          return items.length === 0 ? null : <Group key={bucket} bucket={bucket} items={items} />;
        })
      )}
    </Stack>
  );
}

function Group({ bucket, items }: { bucket: ReminderBucket; items: Reminder[] }) {
  const { t } = useTranslation();
  const id = `reminders-${bucket}`;
  return (
    <Stack component="section" gap="xs" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {t(`reminders.buckets.${bucket}`)} ({items.length})
      </Title>
      {items.map((reminder) => (
        <ReminderCard key={reminder.id} reminder={reminder} />
      ))}
    </Stack>
  );
}

/** A coordinator's view: every overdue reminder on their sites, whoever holds it. */
export function OverdueRemindersPage() {
  const { t } = useTranslation();
  const reminders = useQuery({
    queryKey: reminderKeys.overdue(),
    queryFn: ({ signal }) => fetchOverdueReminders(signal),
  });
  return (
    <Stack gap="lg" maw={900}>
      <Title order={1}>{t('nav.overdueReminders')}</Title>
      <Text maw={720}>{t('reminders.overdueIntro')}</Text>
      {reminders.isPending ? (
        <ListSkeleton label={t('reminders.loading')} />
      ) : reminders.isError ? (
        <LoadError error={reminders.error} onRetry={() => void reminders.refetch()} retrying={reminders.isFetching} />
      ) : reminders.data.items.length === 0 ? (
        <EmptyState>{t('reminders.noneOverdue')}</EmptyState>
      ) : (
        reminders.data.items.map((reminder) => <ReminderCard key={reminder.id} reminder={reminder} actions={false} />)
      )}
    </Stack>
  );
}
