import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  OUTREACH_CHANNELS,
  OUTREACH_GENDERS,
  OUTREACH_LANGUAGES,
  OUTREACH_MATERIALS,
  OUTREACH_PLACE_KINDS,
  PARTNER_KINDS,
  type OutreachChannel,
  type OutreachPlaceKind,
  type OutreachTallies,
} from '@app/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentKeys, createOutreachSession, fetchOutreachOptions, fetchOutreachSessions } from '../../api/documents';
import { ErrorAlert, SuccessNotice } from '../../components/ErrorAlert';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { Pager } from '../../components/Pager';
import { parisToday, tallyProblems, type TallyProblem } from './documents';
import { formatDay } from './DocumentsTab';

type Counts = Record<string, number>;

/** A group of counters over a closed list (gender, first language, materials, orientations). */
function CountGroup<K extends string>({
  legend,
  keys,
  labelOf,
  counts,
  onChange,
}: {
  legend: string;
  keys: readonly K[];
  labelOf: (key: K) => string;
  counts: Counts;
  onChange: (counts: Counts) => void;
}) {
  return (
    <fieldset style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8, padding: 12, margin: 0 }}>
      <legend>
        <Text fw={600}>{legend}</Text>
      </legend>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
        {keys.map((key) => (
          <NumberInput
            key={key}
            label={labelOf(key)}
            min={0}
            max={999}
            allowDecimal={false}
            allowNegative={false}
            value={counts[key] ?? 0}
            onChange={(value) => onChange({ ...counts, [key]: typeof value === 'number' ? value : 0 })}
          />
        ))}
      </SimpleGrid>
    </fieldset>
  );
}

/**
 * Outreach: the volunteer's (and workers') form for one session, and the list. Every field is a
 * date, a number or a closed list: nothing typed here can name or describe a person.
 */
export function OutreachPage() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const sessions = useQuery({
    queryKey: documentKeys.outreach(page),
    queryFn: ({ signal }) => fetchOutreachSessions(page, signal),
  });
  return (
    <Stack gap="xl" maw={1000}>
      <Stack gap="sm">
        <Title order={1}>{t('nav.outreach')}</Title>
        <Text maw={720}>{t('outreach.intro')}</Text>
      </Stack>
      <OutreachForm />
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('outreach.list')}
        </Title>
        {sessions.isPending ? (
          <ListSkeleton label={t('outreach.loading')} rows={3} />
        ) : sessions.isError ? (
          <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} retrying={sessions.isFetching} />
        ) : sessions.data.items.length === 0 ? (
          <EmptyState>{t('outreach.empty')}</EmptyState>
        ) : (
          <>
            <Table.ScrollContainer minWidth={360}>
              <Table aria-label={t('outreach.list')} withTableBorder striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('outreach.heldOn')}</Table.Th>
                    <Table.Th scope="col">{t('outreach.place')}</Table.Th>
                    <Table.Th scope="col">{t('outreach.peopleMet')}</Table.Th>
                    <Table.Th scope="col">{t('outreach.newContacts')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sessions.data.items.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{formatDay(s.heldOn, i18n.language)}</Table.Td>
                      <Table.Td>
                        {t(`outreach.places.${s.placeKind}`)}
                        {s.channel ? ` · ${t(`outreach.channels.${s.channel}`)}` : ''}
                      </Table.Td>
                      <Table.Td>{s.tallies.peopleMet}</Table.Td>
                      <Table.Td>{s.tallies.newContacts}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager page={page} pageSize={sessions.data.pageSize} total={sessions.data.total} onPage={setPage} />
          </>
        )}
      </Stack>
    </Stack>
  );
}

function OutreachForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const options = useQuery({
    queryKey: documentKeys.outreachOptions,
    queryFn: ({ signal }) => fetchOutreachOptions(signal),
  });
  const [siteId, setSiteId] = useState('');
  const [heldOn, setHeldOn] = useState(parisToday());
  const [placeKind, setPlaceKind] = useState<OutreachPlaceKind>('street');
  const [channel, setChannel] = useState<OutreachChannel>('escort_sites');
  const [duration, setDuration] = useState<number | ''>('');
  const [members, setMembers] = useState<string[]>([]);
  const [peopleMet, setPeopleMet] = useState(0);
  const [newContacts, setNewContacts] = useState(0);
  const [gender, setGender] = useState<Counts>({});
  const [firstLanguage, setFirstLanguage] = useState<Counts>({});
  const [materials, setMaterials] = useState<Counts>({});
  const [orientations, setOrientations] = useState<Counts>({});
  const [problems, setProblems] = useState<TallyProblem[]>([]);
  const site = siteId || options.data?.sites[0]?.id || '';
  const tallies: OutreachTallies = { peopleMet, newContacts, gender, firstLanguage, materials, orientations };
  const create = useMutation({
    mutationFn: () =>
      createOutreachSession({
        siteId: site,
        heldOn,
        placeKind,
        channel: placeKind === 'online' ? channel : null,
        durationMinutes: duration === '' ? null : duration,
        teamMemberIds: members,
        tallies,
      }),
    onSuccess: () => {
      setPeopleMet(0);
      setNewContacts(0);
      setGender({});
      setFirstLanguage({});
      setMaterials({});
      setOrientations({});
      void queryClient.invalidateQueries({ queryKey: documentKeys.allOutreach });
    },
  });
  const problemText: Record<TallyProblem, string> = {
    newContactsOverMet: t('outreach.problems.newContactsOverMet'),
    genderOverMet: t('outreach.problems.genderOverMet'),
    languageOverMet: t('outreach.problems.languageOverMet'),
  };
  if (options.isPending) return <ListSkeleton label={t('outreach.loading')} rows={2} />;
  if (options.isError)
    return <LoadError error={options.error} onRetry={() => void options.refetch()} retrying={options.isFetching} />;
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const found = tallyProblems(tallies);
          setProblems(found);
          create.reset();
          if (found.length === 0) create.mutate();
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h3">
            {t('outreach.add')}
          </Title>
          <Text size="sm">{t('outreach.noPersonalData')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('outreach.site')}
              value={site}
              data={options.data.sites.map((s) => ({ value: s.id, label: s.name }))}
              onChange={(event) => setSiteId(event.currentTarget.value)}
              required
            />
            <TextInput
              type="date"
              label={t('outreach.heldOn')}
              value={heldOn}
              max={parisToday()}
              onChange={(event) => setHeldOn(event.currentTarget.value)}
              required
            />
            <NativeSelect
              label={t('outreach.place')}
              value={placeKind}
              data={OUTREACH_PLACE_KINDS.map((value) => ({ value, label: t(`outreach.places.${value}`) }))}
              onChange={(event) => setPlaceKind(event.currentTarget.value as OutreachPlaceKind)}
            />
            {placeKind === 'online' && (
              <NativeSelect
                label={t('outreach.channel')}
                value={channel}
                data={OUTREACH_CHANNELS.map((value) => ({ value, label: t(`outreach.channels.${value}`) }))}
                onChange={(event) => setChannel(event.currentTarget.value as OutreachChannel)}
              />
            )}
            <NumberInput
              label={t('outreach.duration')}
              min={0}
              max={1440}
              allowDecimal={false}
              allowNegative={false}
              value={duration}
              onChange={(value) => setDuration(typeof value === 'number' ? value : '')}
            />
          </SimpleGrid>
          {options.data.members.length > 0 && (
            <Checkbox.Group
              label={t('outreach.team')}
              description={t('outreach.teamHint')}
              value={members}
              onChange={setMembers}
            >
              <Group gap="md" mt={4}>
                {options.data.members.map((m) => (
                  <Checkbox key={m.id} value={m.id} label={m.displayName} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
          <SimpleGrid cols={2} spacing="sm">
            <NumberInput
              label={t('outreach.peopleMet')}
              min={0}
              max={999}
              allowDecimal={false}
              allowNegative={false}
              value={peopleMet}
              onChange={(value) => setPeopleMet(typeof value === 'number' ? value : 0)}
            />
            <NumberInput
              label={t('outreach.newContacts')}
              min={0}
              max={999}
              allowDecimal={false}
              allowNegative={false}
              value={newContacts}
              onChange={(value) => setNewContacts(typeof value === 'number' ? value : 0)}
            />
          </SimpleGrid>
          <CountGroup
            legend={t('outreach.gender')}
            keys={OUTREACH_GENDERS}
            labelOf={(k) => t(`outreach.genders.${k}`)}
            counts={gender}
            onChange={setGender}
          />
          <CountGroup
            legend={t('outreach.firstLanguage')}
            keys={OUTREACH_LANGUAGES}
            labelOf={(k) => t(`outreach.languages.${k}`)}
            counts={firstLanguage}
            onChange={setFirstLanguage}
          />
          <CountGroup
            legend={t('outreach.materials')}
            keys={OUTREACH_MATERIALS}
            labelOf={(k) => t(`outreach.materialKinds.${k}`)}
            counts={materials}
            onChange={setMaterials}
          />
          <CountGroup
            legend={t('outreach.orientations')}
            keys={PARTNER_KINDS}
            labelOf={(k) => t(`partners.kinds.${k}`)}
            counts={orientations}
            onChange={setOrientations}
          />
          {problems.length > 0 && <ErrorAlert message={problems.map((p) => problemText[p]).join(' ')} />}
          {create.isError && <ErrorAlert error={create.error} />}
          {create.isSuccess && <SuccessNotice>{t('outreach.saved')}</SuccessNotice>}
          <Button type="submit" loading={create.isPending} fullWidth>
            {t('outreach.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
