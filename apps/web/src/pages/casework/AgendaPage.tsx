import { Anchor, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { AgendaItem } from '@app/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { caseworkKeys, fetchAgenda } from '../../api/casework';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { localeOf } from '../../format/format';
import { personPath } from '../people/person';
import { useMaskedNames } from '../people/shared';
import { AppointmentCard } from './Appointments';
import { agendaWindow, type AgendaView } from './agenda';

/** The worker's agenda: what they organise or accompany, by day or week. */
export function AgendaPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [view, setView] = useState<AgendaView>('week');
  const [anchor, setAnchor] = useState(() => new Date());
  const [masked] = useMaskedNames();
  const { from, to, days } = agendaWindow(anchor, view);
  const agenda = useQuery({
    queryKey: [...caseworkKeys.agenda(from.toISOString()), view],
    queryFn: ({ signal }) => fetchAgenda(from, to, signal),
  });
  const step = (direction: 1 | -1) => {
    const next = new Date(anchor);
    next.setDate(next.getDate() + direction * (view === 'week' ? 7 : 1));
    setAnchor(next);
  };
  const dayTitle = (day: Date) =>
    new Intl.DateTimeFormat(localeOf(i18n.language), {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
    }).format(day);
  const byDay = (day: Date): AgendaItem[] =>
    (agenda.data ?? []).filter((item) => {
      const at = new Date(item.startsAt);
      return (
        at.getFullYear() === day.getFullYear() && at.getMonth() === day.getMonth() && at.getDate() === day.getDate()
      );
    });
  return (
    <Stack gap="lg" maw={960}>
      <Title order={1}>{t('agenda.title')}</Title>
      <Group wrap="wrap" gap="sm">
        <SegmentedControl
          aria-label={t('agenda.view')}
          value={view}
          onChange={(value) => setView(value as AgendaView)}
          data={[
            { value: 'day', label: t('agenda.day') },
            { value: 'week', label: t('agenda.week') },
          ]}
        />
        <Button variant="default" onClick={() => step(-1)}>
          {view === 'week' ? t('agenda.previousWeek') : t('agenda.previousDay')}
        </Button>
        <Button variant="default" onClick={() => setAnchor(new Date())}>
          {t('agenda.today')}
        </Button>
        <Button variant="default" onClick={() => step(1)}>
          {view === 'week' ? t('agenda.nextWeek') : t('agenda.nextDay')}
        </Button>
      </Group>
      {agenda.isPending ? (
        <ListSkeleton label={t('agenda.loading')} rows={3} />
      ) : agenda.isError ? (
        <LoadError error={agenda.error} onRetry={() => void agenda.refetch()} retrying={agenda.isFetching} />
      ) : agenda.data.length === 0 ? (
        <EmptyState>{view === 'week' ? t('agenda.emptyWeek') : t('agenda.emptyDay')}</EmptyState>
      ) : (
        days.map((day) => {
          const items = byDay(day);
          if (items.length === 0 && view === 'week') return null;
          return (
            <Stack key={day.toISOString()} gap="sm" component="section" aria-label={dayTitle(day)}>
              <Title order={2} size="h3">
                {dayTitle(day)}
              </Title>
              {items.length === 0 ? (
                <Text>{t('agenda.emptyDay')}</Text>
              ) : (
                <Stack component="ol" gap="sm" className="plain-list">
                  {items.map((item) => (
                    <AppointmentCard
                      key={item.id}
                      appointment={item}
                      heading={masked ? item.fileNumber : item.displayName}
                      onChanged={() => queryClient.invalidateQueries({ queryKey: ['agenda'] })}
                      footer={
                        <Anchor component={Link} to={personPath(item.personId)} size="sm">
                          {t('agenda.openFile', { file: item.fileNumber })}
                        </Anchor>
                      }
                    />
                  ))}
                </Stack>
              )}
            </Stack>
          );
        })
      )}
    </Stack>
  );
}
