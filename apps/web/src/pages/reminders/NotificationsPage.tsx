import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchNotifications, markAllNotificationsRead, markNotificationRead, reminderKeys } from '../../api/reminders';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { formatDateTime, formatDay } from '../../format/format';
import { personPath } from '../people/person';
import { REMINDERS_PATH } from './paths';

/** In-app notifications of delivered reminders, newest first; read ones fade. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: reminderKeys.notifications(),
    queryFn: ({ signal }) => fetchNotifications(signal),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: reminderKeys.all });
  const readOne = useMutation({ mutationFn: markNotificationRead, onSuccess: refresh });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: refresh });
  return (
    <Stack gap="lg" maw={900}>
      <Group justify="space-between">
        <Title order={1}>{t('notifications.title')}</Title>
        {list.data && list.data.unread > 0 && (
          <Button variant="default" size="compact-sm" loading={readAll.isPending} onClick={() => readAll.mutate()}>
            {t('notifications.readAll')}
          </Button>
        )}
      </Group>
      <Text>
        <Anchor component={Link} to={REMINDERS_PATH}>
          {t('notifications.toReminders')}
        </Anchor>
      </Text>
      {(readOne.error ?? readAll.error) && <ErrorAlert error={readOne.error ?? readAll.error} />}
      {list.isPending ? (
        <ListSkeleton label={t('notifications.loading')} />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('notifications.empty')}</EmptyState>
      ) : (
        <Stack component="ul" gap="xs" className="plain-list">
          {list.data.items.map((n) => (
            <li key={n.id}>
              <Paper withBorder p="sm" radius="md" opacity={n.readAt ? 0.7 : 1}>
                <Group justify="space-between" wrap="wrap">
                  <Stack gap={2}>
                    <Text fw={n.readAt ? 400 : 600}>
                      {t(`reminderKinds.${n.kind}`, { defaultValue: n.kind })}
                      {n.readAt ? '' : ` · ${t('notifications.unread')}`}
                    </Text>
                    <Text size="sm">
                      {t('reminders.dueOn', { date: formatDay(n.dueOn, i18n.language) })} ·{' '}
                      {t('notifications.sentAt', { at: formatDateTime(n.createdAt, i18n.language) })}
                    </Text>
                    {n.personId && (
                      <Anchor component={Link} to={personPath(n.personId)} size="sm">
                        {t('notifications.openFile')}
                      </Anchor>
                    )}
                  </Stack>
                  {!n.readAt && (
                    <Button size="compact-sm" variant="default" onClick={() => readOne.mutate(n.id)}>
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </Group>
              </Paper>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
