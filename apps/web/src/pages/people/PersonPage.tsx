import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { CONSENT_PURPOSES, Permission, type ConsentPurpose, type PersonFile } from '@app/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { documentKeys, fetchPartners } from '../../api/documents';
import { isApiError } from '../../api/client';
import { isVersionConflict } from '../../api/errors';
import {
  fetchAccessLog,
  fetchConsents,
  fetchPerson,
  fetchSocialWorkers,
  peopleKeys,
  recordConsent,
  setReferent,
  updatePerson,
} from '../../api/people';
import { useSession } from '../../auth/session';
import { ConflictAlert } from '../../components/ConflictAlert';
import { ErrorAlert, NoticeAlert, SuccessNotice } from '../../components/ErrorAlert';
import { IconAlertTriangle, IconArrowLeft, IconShield } from '../../components/icons';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { StateLabel } from '../../components/StateLabel';
import { formatDateTime } from '../../format/format';
import { mayUse } from '../../navigation';
import { PersonReminders } from '../reminders/PersonReminders';
import { PathwayTab } from '../pathways/PathwayTab';
import { Appointments } from '../casework/Appointments';
import { QuickEntry, Timeline } from '../casework/Journal';
import { DocumentsTab } from '../documents/DocumentsTab';
import { ReferralsTab } from '../documents/ReferralsTab';
import { BreakGlassDialog } from './BreakGlassDialog';
import { checkDraft, draftOf, normalizeDraft, sameDraft, type FieldProblem, type FormDraft } from './person';
import { MaskSwitch, PersonFields, PersonStatusLabel, useMaskedNames, type FieldsPart } from './shared';
import { UnsavedGuard } from './UnsavedGuard';

const CASELOAD_PATH = '/caseload';

function useRoles(): readonly string[] {
  return useSession().data?.me?.roles ?? [];
}

export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const roles = useRoles();
  const [breaking, setBreaking] = useState(false);
  const person = useQuery({
    queryKey: peopleKeys.one(id),
    queryFn: ({ signal }) => fetchPerson(id, signal),
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 1,
  });

  const back = (
    <Anchor component={Link} to={mayUse(roles, Permission.CaseloadAssign) ? '/team/caseload' : CASELOAD_PATH}>
      <Group gap={4} component="span" wrap="nowrap" style={{ display: 'inline-flex' }}>
        <IconArrowLeft size={16} />
        {t('person.back')}
      </Group>
    </Anchor>
  );

  if (person.isPending || person.isError) {
    const notFound = isApiError(person.error) && person.error.status === 404;
    return (
      <Stack gap="lg" maw={880}>
        {back}
        <Title order={1}>{notFound ? t('person.notFoundTitle') : t('person.titleLoading')}</Title>
        {person.isPending ? (
          <Stack gap="sm" aria-busy="true">
            <VisuallyHidden role="status">{t('person.loading')}</VisuallyHidden>
            <Skeleton height={24} width="50%" />
            <Skeleton height={120} />
          </Stack>
        ) : notFound ? (
          <Stack gap="md" align="flex-start">
            <Text>{t('person.notFound')}</Text>
            {mayUse(roles, Permission.BreakGlass) && (
              <>
                <Text>{t('person.breakGlassOffer')}</Text>
                <Button
                  color="red"
                  variant="outline"
                  leftSection={<IconShield size={18} />}
                  onClick={() => setBreaking(true)}
                >
                  {t('person.breakGlass')}
                </Button>
                <BreakGlassDialog
                  personId={id}
                  opened={breaking}
                  onClose={() => setBreaking(false)}
                  onOpened={() => {
                    setBreaking(false);
                    void person.refetch();
                  }}
                />
              </>
            )}
          </Stack>
        ) : (
          <LoadError error={person.error} onRetry={() => void person.refetch()} retrying={person.isFetching} />
        )}
      </Stack>
    );
  }

  return <PersonView file={person.data} back={back} reload={() => person.refetch()} />;
}

function SafeContactBanner({ file }: { file: PersonFile }) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState(false);
  const safe = file.safeContact;
  return (
    <Alert
      color={safe.neverCall ? 'red' : 'blue'}
      variant="outline"
      icon={<IconAlertTriangle />}
      role="region"
      aria-label={t('person.safe.label')}
    >
      <Stack gap={4}>
        <Text inherit fw={700}>
          {safe.neverCall ? t('person.safe.neverCall') : t('person.safe.callAllowed')}
        </Text>
        <Text inherit>
          {t('person.safe.channel')} {safe.channel ? t(`people.channel.${safe.channel}`) : t('person.safe.notSet')}
          {' · '}
          {t('person.safe.hours')} {safe.hours ?? t('person.safe.notSet')}
        </Text>
        <Text inherit>{safe.lettersAllowed ? t('person.safe.lettersAllowed') : t('person.safe.noLetters')}</Text>
        <Group gap="xs">
          <Text inherit>{t('person.safe.codeWord')}</Text>
          {safe.codeWord ? (
            revealed ? (
              <Text inherit fw={700} className="id-text">
                {safe.codeWord}
              </Text>
            ) : (
              <Button size="compact-sm" variant="default" onClick={() => setRevealed(true)}>
                {t('person.safe.reveal')}
              </Button>
            )
          ) : (
            <Text inherit>{t('person.safe.notSet')}</Text>
          )}
          {revealed && safe.codeWord && (
            <Button size="compact-sm" variant="default" onClick={() => setRevealed(false)}>
              {t('person.safe.hide')}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}

interface Draft {
  readonly values: FormDraft;
  readonly version: number;
}

function PersonView({
  file,
  back,
  reload,
}: {
  file: PersonFile;
  back: React.ReactNode;
  reload: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const me = useSession().data?.me;
  const [masked] = useMaskedNames();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const [notice, setNotice] = useState<{ kind: 'done' | 'unchanged'; text: string } | null>(null);
  const current = draftOf(file);
  const values = draft?.values ?? current;
  const dirty = draft !== null && !sameDraft(draft.values, current);

  const save = useMutation({
    mutationFn: (change: Draft) => updatePerson(file.id, { ...change.values, version: change.version }),
    onSuccess: (updated) => {
      queryClient.setQueryData(peopleKeys.one(file.id), updated);
      void queryClient.invalidateQueries({ queryKey: peopleKeys.lists() });
      setDraft(null);
      setNotice({ kind: 'done', text: t('person.saved') });
    },
    onError: async (error) => {
      if (isVersionConflict(error)) await reload();
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const normalized = normalizeDraft(values);
    const found = checkDraft(normalized);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    if (!draft || sameDraft(normalized, current)) {
      setDraft(null);
      setNotice({ kind: 'unchanged', text: t('common.noChange') });
      return;
    }
    save.mutate({ values: normalized, version: draft.version });
  };

  const conflict = isVersionConflict(save.error) && draft !== null;
  const summary = (source: FormDraft, other: FormDraft) => summarize(source, other, t);

  const form = (parts: FieldsPart[], withStatus = false) => (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" align="flex-start" pt="md">
        <PersonFields
          draft={values}
          problems={problems}
          parts={parts}
          withStatus={withStatus}
          onChange={(next) => {
            setDraft({ values: next, version: draft?.version ?? file.version });
            setNotice(null);
          }}
        />
        {Object.keys(problems).length > 0 && <ErrorAlert message={t('person.fixProblems')} />}
        {conflict ? (
          <ConflictAlert
            mine={summary(draft.values, current)}
            theirs={summary(current, draft.values)}
            onReload={() => {
              setDraft(null);
              save.reset();
            }}
            onKeepMine={() => {
              const next = { values: draft.values, version: file.version };
              setDraft(next);
              save.mutate(next);
            }}
            keeping={save.isPending}
          />
        ) : (
          save.isError && <ErrorAlert error={save.error} />
        )}
        {notice &&
          (notice.kind === 'done' ? (
            <SuccessNotice>{notice.text}</SuccessNotice>
          ) : (
            <NoticeAlert>{notice.text}</NoticeAlert>
          ))}
        <Button type="submit" loading={save.isPending && !conflict}>
          {t('person.save')}
        </Button>
      </Stack>
    </form>
  );

  const title = masked ? file.fileNumber : file.displayName || file.fileNumber;
  const referent =
    file.referentId === null
      ? t('person.noReferent')
      : file.referentId === me?.id
        ? t('person.referentYou')
        : t('person.referentOther');
  const showAccessLog = mayUse(roles, Permission.AccessLogRead);

  return (
    <Stack gap="lg" maw={960}>
      <UnsavedGuard dirty={dirty} />
      <Group justify="space-between" wrap="wrap">
        {back}
        <MaskSwitch />
      </Group>
      {file.grantExpiresAt && (
        <Alert color="orange" variant="outline" icon={<IconShield />} role="note">
          <Text inherit fw={700}>
            {t('person.grant', { until: formatDateTime(file.grantExpiresAt, i18n.language) })}
          </Text>
        </Alert>
      )}
      <Stack gap="xs">
        <Title order={1}>{title}</Title>
        <Group gap="lg" wrap="wrap">
          <Text>
            {t('person.fileNumber')} <span className="id-text">{file.fileNumber}</span>
          </Text>
          <PersonStatusLabel status={file.status} />
          <Text>
            {t('person.referent')} {referent}
          </Text>
          <Text>
            {t('people.columns.lastContact')} :{' '}
            {file.lastContactAt ? formatDateTime(file.lastContactAt, i18n.language) : t('people.noContactYet')}
          </Text>
          {file.minor && <StateLabel tone="warning">{t('person.minor')}</StateLabel>}
        </Group>
      </Stack>
      <SafeContactBanner file={file} />
      {file.minor && (
        // A minor met or oriented is a reportable situation (child protection): say what to do.
        <Alert color="orange" variant="outline" icon={<IconAlertTriangle />} role="note">
          <Text inherit fw={700}>
            {t('person.minorPrompt.title')}
          </Text>
          <Text inherit>{t('person.minorPrompt.body')}</Text>
        </Alert>
      )}
      {mayUse(roles, Permission.CaseloadAssign) && <ReferentPicker file={file} />}

      {mayUse(roles, Permission.PersonWrite) && <QuickEntry personId={file.id} />}

      <Tabs defaultValue="journal" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="journal">{t('person.tabs.journal')}</Tabs.Tab>
          <Tabs.Tab value="appointments">{t('person.tabs.appointments')}</Tabs.Tab>
          <Tabs.Tab value="identity">{t('person.tabs.identity')}</Tabs.Tab>
          <Tabs.Tab value="safeContact">{t('person.tabs.safeContact')}</Tabs.Tab>
          <Tabs.Tab value="attributes">{t('person.tabs.attributes')}</Tabs.Tab>
          <Tabs.Tab value="pathway">{t('person.tabs.pathway')}</Tabs.Tab>
          <Tabs.Tab value="documents">{t('person.tabs.documents')}</Tabs.Tab>
          <Tabs.Tab value="referrals">{t('person.tabs.referrals')}</Tabs.Tab>
          <Tabs.Tab value="consents">{t('person.tabs.consents')}</Tabs.Tab>
          <Tabs.Tab value="reminders">{t('person.tabs.reminders')}</Tabs.Tab>
          {showAccessLog && <Tabs.Tab value="accessLog">{t('person.tabs.accessLog')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="journal" pt="md">
          <Timeline personId={file.id} />
        </Tabs.Panel>
        <Tabs.Panel value="appointments">
          <Appointments personId={file.id} />
        </Tabs.Panel>
        <Tabs.Panel value="identity">{form(['identity'], true)}</Tabs.Panel>
        <Tabs.Panel value="safeContact">{form(['safeContact'])}</Tabs.Panel>
        <Tabs.Panel value="attributes">{form(['attributes'])}</Tabs.Panel>
        <Tabs.Panel value="pathway">
          <PathwayTab personId={file.id} />
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <DocumentsTab personId={file.id} canWrite={mayUse(roles, Permission.PersonWrite)} />
        </Tabs.Panel>
        <Tabs.Panel value="referrals">
          <ReferralsTab personId={file.id} canWrite={mayUse(roles, Permission.PersonWrite)} />
        </Tabs.Panel>
        <Tabs.Panel value="consents">
          <Consents personId={file.id} />
        </Tabs.Panel>
        <Tabs.Panel value="reminders">
          <PersonReminders personId={file.id} />
        </Tabs.Panel>
        {showAccessLog && (
          <Tabs.Panel value="accessLog">
            <AccessLog personId={file.id} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

type T = TFunction;
type SummaryField =
  | 'usedName'
  | 'legalName'
  | 'aliases'
  | 'birthDate'
  | 'phones'
  | 'email'
  | 'address'
  | 'status'
  | 'hours'
  | 'channel'
  | 'neverCall'
  | 'departement'
  | 'birthYear';

const SUMMARY_FIELDS: readonly [SummaryField, (draft: FormDraft) => string | number | boolean | null][] = [
  ['usedName', (d) => d.identity.usedName],
  ['legalName', (d) => d.identity.legalName],
  ['aliases', (d) => d.identity.aliases.join(', ')],
  ['birthDate', (d) => d.identity.birthDate],
  ['phones', (d) => d.identity.phones.join(', ')],
  ['email', (d) => d.identity.email],
  ['address', (d) => d.identity.address],
  ['status', (d) => d.status],
  ['hours', (d) => d.safeContact.hours],
  ['channel', (d) => d.safeContact.channel],
  ['neverCall', (d) => d.safeContact.neverCall],
  ['departement', (d) => d.attributes.departement],
  ['birthYear', (d) => d.attributes.birthYear],
];

/** The fields where `source` differs from `other`, with `source`'s values, in words. */
function summarize(source: FormDraft, other: FormDraft, t: T): string {
  const parts = SUMMARY_FIELDS.flatMap(([field, read]) => {
    const value = read(source);
    if (JSON.stringify(value) === JSON.stringify(read(other))) return [];
    const shown = value === null || value === '' ? t('person.empty') : String(value);
    return [`${t(`people.fields.${field}`)} : ${shown}`];
  });
  return parts.length > 0 ? parts.join(' ; ') : t('person.otherChanges');
}

function ReferentPicker({ file }: { file: PersonFile }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const workers = useQuery({
    queryKey: ['users', 'social-workers'],
    queryFn: ({ signal }) => fetchSocialWorkers(signal),
  });
  const [choice, setChoice] = useState<string>('');
  const assign = useMutation({
    mutationFn: (referentId: string) => setReferent(file.id, referentId),
    onSuccess: (updated) => queryClient.setQueryData(peopleKeys.one(file.id), updated),
  });
  const value = choice || file.referentId || '';
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value) assign.mutate(value);
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            label={t('person.referentPick')}
            value={value}
            disabled={!workers.data}
            data={[
              { value: '', label: t('person.noReferent') },
              ...(workers.data?.items ?? []).map((user) => ({ value: user.id, label: user.displayName })),
            ]}
            onChange={(event) => setChoice(event.currentTarget.value)}
          />
          <Button type="submit" variant="default" loading={assign.isPending}>
            {t('person.referentAssign')}
          </Button>
        </Group>
        {assign.isError && <ErrorAlert error={assign.error} />}
        {assign.isSuccess && <SuccessNotice>{t('person.referentSaved')}</SuccessNotice>}
      </form>
    </Paper>
  );
}

function Consents({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const consents = useQuery({
    queryKey: peopleKeys.consents(personId),
    queryFn: ({ signal }) => fetchConsents(personId, signal),
  });
  const [purpose, setPurpose] = useState<ConsentPurpose>('processing_notice');
  const [given, setGiven] = useState('given');
  // A consent to share with a named partner names it (from the directory).
  const partners = useQuery({
    queryKey: documentKeys.partners(true),
    queryFn: ({ signal }) => fetchPartners(true, signal),
  });
  const [partnerId, setPartnerId] = useState('');
  const namedPartner = partnerId || partners.data?.find((p) => p.active)?.id || '';
  const partnerName = (id: string | null) => partners.data?.find((p) => p.id === id)?.name ?? '';
  const record = useMutation({
    mutationFn: () =>
      recordConsent(personId, {
        purpose,
        given: given === 'given',
        ...(purpose === 'share_partner' ? { partnerId: namedPartner } : {}),
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: peopleKeys.consents(personId) }),
  });
  return (
    <Stack gap="md" pt="md">
      <Paper withBorder p="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            record.mutate();
          }}
        >
          <Stack gap="sm" align="flex-start">
            <Title order={2} size="h4">
              {t('consents.record')}
            </Title>
            <NativeSelect
              label={t('consents.purpose')}
              value={purpose}
              data={CONSENT_PURPOSES.map((value) => ({ value, label: t(`consents.purposes.${value}`) }))}
              onChange={(event) => {
                setPurpose(event.currentTarget.value as ConsentPurpose);
                record.reset();
              }}
            />
            {purpose === 'share_partner' && (
              <NativeSelect
                label={t('consents.partner')}
                value={namedPartner}
                data={(partners.data ?? [])
                  .filter((p) => p.active)
                  .map((p) => ({ value: p.id, label: `${p.name} — ${t(`partners.kinds.${p.kind}`)}` }))}
                onChange={(event) => {
                  setPartnerId(event.currentTarget.value);
                  record.reset();
                }}
              />
            )}
            <Radio.Group label={t('consents.decision')} value={given} onChange={setGiven}>
              <Group gap="md" mt={4}>
                <Radio value="given" label={t('consents.given')} />
                <Radio value="withdrawn" label={t('consents.withdrawn')} />
              </Group>
            </Radio.Group>
            {record.isError && <ErrorAlert error={record.error} />}
            {record.isSuccess && <SuccessNotice>{t('consents.saved')}</SuccessNotice>}
            <Button type="submit" loading={record.isPending}>
              {t('consents.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      {consents.isPending ? (
        <ListSkeleton label={t('consents.loading')} rows={2} />
      ) : consents.isError ? (
        <LoadError error={consents.error} onRetry={() => void consents.refetch()} retrying={consents.isFetching} />
      ) : consents.data.length === 0 ? (
        <EmptyState>{t('consents.empty')}</EmptyState>
      ) : (
        <Table aria-label={t('consents.ledger')} withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('consents.purpose')}</Table.Th>
              <Table.Th scope="col">{t('consents.decision')}</Table.Th>
              <Table.Th scope="col">{t('consents.recordedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {consents.data.map((consent) => (
              <Table.Tr key={consent.id}>
                <Table.Td>
                  {t(`consents.purposes.${consent.purpose}`)}
                  {consent.partnerId ? ` — ${partnerName(consent.partnerId)}` : ''}
                </Table.Td>
                <Table.Td>
                  <StateLabel tone={consent.given ? 'positive' : 'negative'}>
                    {t(consent.given ? 'consents.given' : 'consents.withdrawn')}
                  </StateLabel>
                </Table.Td>
                <Table.Td>{formatDateTime(consent.recordedAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function AccessLog({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const log = useQuery({
    queryKey: peopleKeys.accessLog(personId),
    queryFn: ({ signal }) => fetchAccessLog(personId, signal),
  });
  if (log.isPending) return <ListSkeleton label={t('accessLog.loading')} rows={2} />;
  if (log.isError) return <LoadError error={log.error} onRetry={() => void log.refetch()} retrying={log.isFetching} />;
  if (log.data.length === 0) return <EmptyState>{t('accessLog.empty')}</EmptyState>;
  return (
    <Stack pt="md">
      <Table aria-label={t('accessLog.label')} withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('accessLog.when')}</Table.Th>
            <Table.Th scope="col">{t('accessLog.who')}</Table.Th>
            <Table.Th scope="col">{t('accessLog.action')}</Table.Th>
            <Table.Th scope="col">{t('accessLog.outcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {log.data.map((entry, index) => (
            <Table.Tr key={`${entry.occurredAt}-${index}`}>
              <Table.Td>{formatDateTime(entry.occurredAt, i18n.language)}</Table.Td>
              <Table.Td>
                <span className="id-text">{entry.actorId ? entry.actorId.slice(0, 8) : '—'}</span>{' '}
                {entry.actorRoles.join(', ')}
              </Table.Td>
              <Table.Td>{entry.action}</Table.Td>
              <Table.Td>{entry.outcome}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
