import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  APPOINTMENT_COUNTERPARTS,
  type AppointmentCounterpart,
  type AppointmentStatus,
  type AppointmentView,
} from '@app/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { caseworkKeys, fetchAppointments, planAppointment, setAppointmentStatus } from '../../api/casework';
import { isVersionConflict } from '../../api/errors';
import { ErrorAlert, SuccessNotice } from '../../components/ErrorAlert';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { StateLabel } from '../../components/StateLabel';
import { formatDateTime } from '../../format/format';

const STATUS_TONE: Record<AppointmentStatus, 'pending' | 'positive' | 'negative' | 'neutral'> = {
  planned: 'pending',
  done: 'positive',
  missed: 'negative',
  cancelled: 'neutral',
};

export function AppointmentStatusLabel({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation();
  return <StateLabel tone={STATUS_TONE[status]}>{t(`appointments.status.${status}`)}</StateLabel>;
}

/** One appointment: when, with whom, where, why, and what became of it. */
export function AppointmentCard({
  appointment,
  onChanged,
  heading,
  footer,
}: {
  appointment: AppointmentView;
  onChanged: () => Promise<unknown>;
  heading?: string;
  footer?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const change = useMutation({
    mutationFn: (status: AppointmentStatus) => setAppointmentStatus(appointment.id, status, appointment.version),
    onSuccess: onChanged,
    onError: async (error) => {
      if (isVersionConflict(error)) await onChanged();
    },
  });
  const when = formatDateTime(appointment.startsAt, i18n.language);
  return (
    <Paper component="li" withBorder p="md">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap">
          <Text fw={700}>{heading ? `${when} · ${heading}` : when}</Text>
          <AppointmentStatusLabel status={appointment.status} />
        </Group>
        <Text size="sm">
          {t(`appointments.counterparts.${appointment.counterpart}`)} ·{' '}
          {t('appointments.minutes', { count: appointment.durationMinutes })}
          {appointment.counterpart !== 'person' &&
            ` · ${appointment.personAttends ? t('appointments.personAttends') : t('appointments.onBehalf')}`}
        </Text>
        {appointment.place && (
          <Text size="sm">
            {t('appointments.fields.place')} : {appointment.place}
          </Text>
        )}
        {appointment.purpose && <Text>{appointment.purpose}</Text>}
        {appointment.status === 'planned' && (
          <Group gap="xs" mt={4}>
            {(['done', 'missed', 'cancelled'] as const).map((status) => (
              <Button
                key={status}
                size="compact-sm"
                variant="default"
                loading={change.isPending && change.variables === status}
                onClick={() => change.mutate(status)}
                aria-label={t(`appointments.mark.${status}Of`, { when })}
              >
                {t(`appointments.mark.${status}`)}
              </Button>
            ))}
          </Group>
        )}
        {change.isError && <ErrorAlert error={change.error} />}
        {footer}
      </Stack>
    </Paper>
  );
}

/** The file's appointments: the upcoming ones and a short form to plan another. */
export function Appointments({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [past, setPast] = useState(false);
  const list = useQuery({
    queryKey: [...caseworkKeys.appointments(personId), past],
    queryFn: ({ signal }) => fetchAppointments(personId, past, signal),
  });
  const [startsAt, setStartsAt] = useState('');
  const [duration, setDuration] = useState('60');
  const [counterpart, setCounterpart] = useState<AppointmentCounterpart>('person');
  const [personAttends, setPersonAttends] = useState(true);
  const [place, setPlace] = useState('');
  const [purpose, setPurpose] = useState('');
  const [missing, setMissing] = useState(false);
  const [saved, setSaved] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: caseworkKeys.appointments(personId) });
  const plan = useMutation({
    mutationFn: () =>
      planAppointment(personId, {
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes: Number(duration) || 60,
        counterpart,
        personAttends: counterpart === 'person' ? true : personAttends,
        place,
        purpose,
      }),
    onSuccess: async () => {
      setStartsAt('');
      setPlace('');
      setPurpose('');
      setSaved(true);
      await refresh();
      void queryClient.invalidateQueries({ queryKey: ['agenda'] });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    if (!startsAt || Number.isNaN(new Date(startsAt).getTime())) {
      setMissing(true);
      return;
    }
    setMissing(false);
    plan.mutate();
  };
  return (
    <Stack gap="lg" pt="md">
      <Stack gap="sm" component="section" aria-labelledby="appointments-title">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="appointments-title">
            {past ? t('appointments.allTitle') : t('appointments.upcomingTitle')}
          </Title>
          <Checkbox
            label={t('appointments.showPast')}
            checked={past}
            onChange={(event) => setPast(event.currentTarget.checked)}
          />
        </Group>
        {list.isPending ? (
          <ListSkeleton label={t('appointments.loading')} rows={2} />
        ) : list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
        ) : list.data.length === 0 ? (
          <EmptyState>{t('appointments.empty')}</EmptyState>
        ) : (
          <Stack component="ol" gap="sm" className="plain-list">
            {list.data.map((a) => (
              <AppointmentCard key={a.id} appointment={a} onChanged={refresh} />
            ))}
          </Stack>
        )}
      </Stack>
      <Paper withBorder p="md" component="section" aria-labelledby="plan-title">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm" align="flex-start">
            <Title order={2} size="h3" id="plan-title">
              {t('appointments.planTitle')}
            </Title>
            <Group align="flex-end" wrap="wrap">
              <TextInput
                type="datetime-local"
                label={t('appointments.fields.startsAt')}
                required
                value={startsAt}
                error={missing ? t('appointments.startsAtMissing') : undefined}
                onChange={(event) => setStartsAt(event.currentTarget.value)}
              />
              <TextInput
                type="number"
                min={5}
                max={720}
                w={140}
                label={t('appointments.fields.duration')}
                value={duration}
                onChange={(event) => setDuration(event.currentTarget.value)}
              />
              <NativeSelect
                label={t('appointments.fields.counterpart')}
                value={counterpart}
                onChange={(event) => setCounterpart(event.currentTarget.value as AppointmentCounterpart)}
                data={APPOINTMENT_COUNTERPARTS.map((value) => ({
                  value,
                  label: t(`appointments.counterparts.${value}`),
                }))}
              />
            </Group>
            {counterpart !== 'person' && (
              <Checkbox
                label={t('appointments.fields.personAttends')}
                checked={personAttends}
                onChange={(event) => setPersonAttends(event.currentTarget.checked)}
              />
            )}
            <TextInput
              label={t('appointments.fields.place')}
              maxLength={300}
              w="100%"
              value={place}
              onChange={(event) => setPlace(event.currentTarget.value)}
            />
            <TextInput
              label={t('appointments.fields.purpose')}
              maxLength={1000}
              w="100%"
              value={purpose}
              onChange={(event) => setPurpose(event.currentTarget.value)}
            />
            {plan.isError && <ErrorAlert error={plan.error} />}
            {saved && <SuccessNotice>{t('appointments.saved')}</SuccessNotice>}
            <Button type="submit" loading={plan.isPending}>
              {t('appointments.plan')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
