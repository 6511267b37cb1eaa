import { Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import type { CommissionFileRow } from '@app/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { createSession, fetchAgenda, fetchSession, fetchSessions, parisToday, pathwayKeys } from '../../api/pathways';
import { SuccessNotice } from '../../components/ErrorAlert';
import { ListSkeleton, LoadError } from '../../components/ListStates';
import { personPath } from '../people/person';
import { useMaskedNames } from '../people/shared';
import { formatDay, PathwayError } from './shared';

const DEPARTEMENT = /^(\d{2}|2A|2B|97\d)$/;

/** A commission page per département: its next session, the files to present, its past sessions. */
export function CommissionsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const departement = params.get('departement') ?? '75';
  const [typed, setTyped] = useState(departement);
  const valid = DEPARTEMENT.test(departement);
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1}>{t('nav.commissions')}</Title>
      <Text>{t('pathways.commission.intro')}</Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setParams({ departement: typed.trim().toUpperCase() });
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('pathways.commission.departement')}
            value={typed}
            maxLength={3}
            w={160}
            onChange={(e) => setTyped(e.currentTarget.value)}
          />
          <Button type="submit" variant="default">
            {t('pathways.commission.show')}
          </Button>
        </Group>
      </form>
      {valid && <Agenda departement={departement} />}
      {valid && <Sessions departement={departement} />}
    </Stack>
  );
}

function FileTable({ label, rows }: { label: string; rows: CommissionFileRow[] }) {
  const { t, i18n } = useTranslation();
  const [masked] = useMaskedNames();
  if (rows.length === 0) return <Text size="sm">{t('pathways.commission.none')}</Text>;
  return (
    <Table aria-label={label} withTableBorder striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('pathways.commission.person')}</Table.Th>
          <Table.Th scope="col">{t('pathways.commission.state')}</Table.Th>
          <Table.Th scope="col">{t('pathways.commission.period')}</Table.Th>
          <Table.Th scope="col">{t('pathways.commission.periodEnds')}</Table.Th>
          <Table.Th scope="col">{t('pathways.commission.opinion')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.pathwayId}>
            <Table.Td>
              <Anchor component={Link} to={personPath(r.personId)}>
                {masked ? r.fileNumber : r.displayName}
              </Anchor>{' '}
              <span className="id-text">{r.fileNumber}</span>
            </Table.Td>
            <Table.Td>{t(`pathways.state.${r.state}`)}</Table.Td>
            <Table.Td>{t('pathways.periods.of', { n: r.periodRequested, max: 4 })}</Table.Td>
            <Table.Td>{formatDay(r.currentPeriodEndsOn, i18n.language)}</Table.Td>
            <Table.Td>{r.opinion ? t(`pathways.opinion.${r.opinion}`) : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Agenda({ departement }: { departement: string }) {
  const { t, i18n } = useTranslation();
  const agenda = useQuery({
    queryKey: pathwayKeys.agenda(departement),
    queryFn: ({ signal }) => fetchAgenda(departement, signal),
  });
  if (agenda.isPending) return <ListSkeleton label={t('pathways.loading')} rows={2} />;
  if (agenda.isError)
    return <LoadError error={agenda.error} onRetry={() => void agenda.refetch()} retrying={agenda.isFetching} />;
  const next = agenda.data.nextSession;
  return (
    <Stack gap="md">
      <Text fw={700}>
        {t('pathways.commission.nextSession')} :{' '}
        {next ? formatDay(next.heldOn, i18n.language) : t('pathways.commission.noSession')}
      </Text>
      <Title order={2} size="h3">
        {t('pathways.commission.waiting')}
      </Title>
      <FileTable label={t('pathways.commission.waiting')} rows={agenda.data.waiting} />
      <Title order={2} size="h3">
        {t('pathways.commission.renewalsDue')}
      </Title>
      <FileTable label={t('pathways.commission.renewalsDue')} rows={agenda.data.renewalsDue} />
    </Stack>
  );
}

function Sessions({ departement }: { departement: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [heldOn, setHeldOn] = useState(parisToday());
  const [shown, setShown] = useState<string | null>(null);
  const sessions = useQuery({
    queryKey: pathwayKeys.sessions(departement),
    queryFn: ({ signal }) => fetchSessions(departement, signal),
  });
  const create = useMutation({
    mutationFn: () => createSession({ departement, heldOn }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: pathwayKeys.all }),
  });
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('pathways.commission.sessions')}
      </Title>
      <Paper withBorder p="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <Group align="flex-end">
            <TextInput
              type="date"
              label={t('pathways.commission.heldOn')}
              value={heldOn}
              onChange={(e) => setHeldOn(e.currentTarget.value)}
            />
            <Button type="submit" loading={create.isPending}>
              {t('pathways.commission.create')}
            </Button>
          </Group>
          {create.isError && <PathwayError error={create.error} />}
          {create.isSuccess && <SuccessNotice>{t('pathways.commission.created')}</SuccessNotice>}
        </form>
      </Paper>
      {sessions.isPending ? (
        <ListSkeleton label={t('pathways.loading')} rows={2} />
      ) : sessions.isError ? (
        <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} retrying={sessions.isFetching} />
      ) : sessions.data.length === 0 ? (
        <Text size="sm">{t('pathways.commission.noSessions')}</Text>
      ) : (
        <Table aria-label={t('pathways.commission.sessions')} withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('pathways.commission.heldOn')}</Table.Th>
              <Table.Th scope="col">{t('pathways.commission.examined')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('pathways.commission.open')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{formatDay(s.heldOn, i18n.language)}</Table.Td>
                <Table.Td>{s.filesExamined}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="default" onClick={() => setShown(shown === s.id ? null : s.id)}>
                    {t('pathways.commission.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {shown && <SessionFiles id={shown} />}
    </Stack>
  );
}

function SessionFiles({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const session = useQuery({ queryKey: pathwayKeys.session(id), queryFn: ({ signal }) => fetchSession(id, signal) });
  if (session.isPending) return <ListSkeleton label={t('pathways.loading')} rows={2} />;
  if (session.isError)
    return <LoadError error={session.error} onRetry={() => void session.refetch()} retrying={session.isFetching} />;
  const label = t('pathways.commission.filesOf', { date: formatDay(session.data.heldOn, i18n.language) });
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {label}
      </Title>
      <FileTable label={label} rows={session.data.files} />
    </Stack>
  );
}
