import { Anchor, Badge, Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { markReminderDone, parisDayAfter, reminderKeys, snoozeReminder, type Reminder } from '../../api/reminders';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../api/client';
import { formatDay } from '../../format/format';
import { personPath } from '../people/person';

const SNOOZE_DAYS = [1, 3, 7] as const;

/** One reminder: what, for whom, when, the contact constraint, and the actions (done, snooze). */
export function ReminderCard({ reminder, actions = true }: { reminder: Reminder; actions?: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: reminderKeys.all });
  // A 409 means someone else closed or moved it meanwhile: the list is read again.
  const done = useMutation({ mutationFn: () => markReminderDone(reminder), onSettled: refresh });
  const snooze = useMutation({ mutationFn: (until: string) => snoozeReminder(reminder, until), onSettled: refresh });
  const kind = t(`reminderKinds.${reminder.kind}`, { defaultValue: reminder.kind });
  const failure = done.error ?? snooze.error;
  const stale = isApiError(failure) && failure.status === 409;
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={kind}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>{kind}</Text>
          <Group gap={6}>
            {reminder.status === 'snoozed' && reminder.snoozedUntil && (
              <Badge variant="light" color="gray">
                {t('reminders.snoozedUntil', { date: formatDay(reminder.snoozedUntil, i18n.language) })}
              </Badge>
            )}
            {reminder.status === 'notified' && (
              <Badge variant="light" color="blue">
                {t('reminders.status.notified')}
              </Badge>
            )}
            {reminder.status === 'done' && (
              <Badge variant="light" color="green">
                {t('reminders.status.done')}
              </Badge>
            )}
          </Group>
        </Group>
        {reminder.person && reminder.personId && (
          <Text size="sm">
            <Anchor component={Link} to={personPath(reminder.personId)}>
              {reminder.person.displayName}
            </Anchor>{' '}
            <Text span c="dimmed" className="id-text">
              {reminder.person.fileNumber}
            </Text>
          </Text>
        )}
        <Text size="sm">
          {t('reminders.dueOn', { date: formatDay(reminder.dueOn, i18n.language) })}
          {reminder.deadlineOn && reminder.deadlineOn !== reminder.dueOn
            ? ` · ${t('reminders.deadlineOn', { date: formatDay(reminder.deadlineOn, i18n.language) })}`
            : ''}
        </Text>
        {reminder.contact && (
          <Text
            size="sm"
            c={reminder.contact.neverCall ? 'red.8' : undefined}
            fw={reminder.contact.neverCall ? 600 : 400}
          >
            {reminder.contact.neverCall ? t('reminders.neverCall') : t('reminders.mayCall')}
            {reminder.contact.hours ? ` · ${t('reminders.hours', { hours: reminder.contact.hours })}` : ''}
          </Text>
        )}
        {actions && reminder.status !== 'done' && (
          <Group gap="xs">
            <Button size="compact-sm" loading={done.isPending} onClick={() => done.mutate()}>
              {t('reminders.markDone')}
            </Button>
            <Menu position="bottom-start" withinPortal>
              <Menu.Target>
                <Button size="compact-sm" variant="default" loading={snooze.isPending}>
                  {t('reminders.snooze')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {SNOOZE_DAYS.map((days) => (
                  <Menu.Item key={days} onClick={() => snooze.mutate(parisDayAfter(days))}>
                    {t('reminders.snoozeFor', { count: days })}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
        {stale ? <ErrorAlert message={t('reminders.changed')} /> : failure ? <ErrorAlert error={failure} /> : null}
      </Stack>
    </Paper>
  );
}
