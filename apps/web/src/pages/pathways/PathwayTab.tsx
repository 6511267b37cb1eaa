import { Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import {
  COMMISSION_OPINIONS,
  GOAL_DOMAINS,
  GOAL_STATUSES,
  PATHWAY_END_REASONS,
  RIGHT_KINDS,
  RIGHT_STATUSES,
  AFIS_REFUSAL_REASONS,
  EMPLOYMENT_SITUATIONS,
  HOUSING_SITUATIONS,
  OTHER_INCOME_KINDS,
  type CommissionOpinion,
  type GoalDomain,
  type GoalStatus,
  type GoalView,
  type PathwayEndReason,
  type PathwayEventKind,
  type PathwayKind,
  type PathwayView,
  type RightKind,
  type RightView,
} from '@app/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addGoal,
  addRight,
  daysUntil,
  fetchDeadlines,
  fetchPathways,
  fetchRights,
  openPathway,
  parisToday,
  pathwayKeys,
  recordStep,
  updateGoal,
  type RightInput,
  type StepInput,
} from '../../api/pathways';
import { SuccessNotice } from '../../components/ErrorAlert';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { StateLabel, type Tone } from '../../components/StateLabel';
import { DeadlineLabel, formatDay, PathwayError } from './shared';

const DECISIONS: readonly PathwayEventKind[] = ['authorise', 'refuse', 'appeal_granted', 'appeal_rejected', 'end'];
const TERMINAL = ['closed', 'abandoned', 'withdrawn', 'refused_final', 'ended'];
const MAX_PERIODS = 4;

function stateTone(state: string): Tone {
  if (state === 'authorised' || state === 'open') return 'positive';
  if (state === 'refused' || state === 'refused_final') return 'negative';
  if (TERMINAL.includes(state)) return 'neutral';
  return 'pending';
}

/** The next step's i18n key, as psp.md's lifecycle reads from the current state. */
function nextStep(p: PathwayView): string {
  if (p.state === 'authorised') return p.periods.length < MAX_PERIODS ? 'authorised_renewable' : 'authorised_last';
  if (p.state === 'commission_opinion') return p.periods.length > 0 ? 'renewal_decision' : 'decision';
  return p.state;
}

/** The pathway tab of a person's file: deadlines, pathways with their timeline and goals, rights. */
export function PathwayTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const pathways = useQuery({
    queryKey: pathwayKeys.ofPerson(personId),
    queryFn: ({ signal }) => fetchPathways(personId, signal),
  });
  const deadlinesQuery = `personId=${encodeURIComponent(personId)}`;
  const deadlines = useQuery({
    queryKey: pathwayKeys.deadlines(deadlinesQuery),
    queryFn: ({ signal }) => fetchDeadlines(deadlinesQuery, signal),
  });
  if (pathways.isPending) return <ListSkeleton label={t('pathways.loading')} rows={3} />;
  if (pathways.isError)
    return <LoadError error={pathways.error} onRetry={() => void pathways.refetch()} retrying={pathways.isFetching} />;
  const openKinds = new Set(pathways.data.filter((p) => !p.closedOn).map((p) => p.kind));
  return (
    <Stack gap="lg" pt="md">
      <section aria-labelledby="deadlines-title">
        <Title order={2} size="h3" id="deadlines-title">
          {t('pathways.deadlinesTitle')}
        </Title>
        {deadlines.data && deadlines.data.length > 0 ? (
          <Stack
            component="ul"
            gap={4}
            mt="xs"
            aria-label={t('pathways.deadlinesTitle')}
            style={{ listStyle: 'none', padding: 0 }}
          >
            {deadlines.data.map((d) => (
              <li key={`${d.labelKey}-${d.dueOn}-${d.sourceId}`}>
                <DeadlineLabel item={d} />
              </li>
            ))}
          </Stack>
        ) : (
          <Text mt="xs">{deadlines.isPending ? t('pathways.loading') : t('pathways.noDeadline')}</Text>
        )}
      </section>
      {pathways.data.length === 0 && <EmptyState>{t('pathways.empty')}</EmptyState>}
      {pathways.data.map((p) => (
        <PathwayCard key={p.id} pathway={p} personId={personId} />
      ))}
      <OpenPathwayForm personId={personId} openKinds={openKinds} />
      <Rights personId={personId} />
    </Stack>
  );
}

function OpenPathwayForm({ personId, openKinds }: { personId: string; openKinds: Set<PathwayKind> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const kinds = (['psp', 'support'] as PathwayKind[]).filter((k) => !openKinds.has(k));
  const [kind, setKind] = useState<PathwayKind | ''>('');
  const [openedOn, setOpenedOn] = useState(parisToday());
  const open = useMutation({
    mutationFn: () => openPathway(personId, { kind: kind || kinds[0], openedOn }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: pathwayKeys.ofPerson(personId) }),
  });
  if (kinds.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          open.mutate();
        }}
      >
        <Stack gap="sm" align="flex-start">
          <Title order={2} size="h4">
            {t('pathways.open.title')}
          </Title>
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('pathways.open.kind')}
              value={kind || kinds[0]}
              data={kinds.map((k) => ({ value: k, label: t(`pathways.kind.${k}`) }))}
              onChange={(e) => setKind(e.currentTarget.value as PathwayKind)}
            />
            <TextInput
              type="date"
              label={t('pathways.open.openedOn')}
              value={openedOn}
              onChange={(e) => setOpenedOn(e.currentTarget.value)}
            />
            <Button type="submit" loading={open.isPending}>
              {t('pathways.open.submit')}
            </Button>
          </Group>
          {open.isError && <PathwayError error={open.error} />}
        </Stack>
      </form>
    </Paper>
  );
}

function PathwayCard({ pathway: p, personId }: { pathway: PathwayView; personId: string }) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState<PathwayEventKind | null>(null);
  const titleId = `pathway-${p.id}`;
  const lang = i18n.language;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id={titleId}>
            {t(`pathways.kind.${p.kind}`)}
            {p.departement ? ` (${p.departement})` : ''}
          </Title>
          <StateLabel tone={stateTone(p.state)}>{t(`pathways.state.${p.state}`)}</StateLabel>
        </Group>
        <Text size="sm">
          {t('pathways.openedOn', { date: formatDay(p.openedOn, lang) })}
          {p.closedOn ? ` · ${t('pathways.closedOn', { date: formatDay(p.closedOn, lang) })}` : ''}
          {p.endReason ? ` · ${t(`pathways.endReason.${p.endReason}`)}` : ''}
        </Text>
        {p.kind === 'psp' && (
          <Text fw={600} data-testid="next-step">
            {t('pathways.nextStepLabel')} {t(`pathways.next.${nextStep(p)}` as 'pathways.next.open')}
          </Text>
        )}
        {p.periods.length > 0 && (
          <Table aria-label={t('pathways.periods.label')} withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('pathways.periods.number')}</Table.Th>
                <Table.Th scope="col">{t('pathways.periods.startsOn')}</Table.Th>
                <Table.Th scope="col">{t('pathways.periods.endsOn')}</Table.Th>
                <Table.Th scope="col">{t('pathways.periods.decision')}</Table.Th>
                <Table.Th scope="col">{t('pathways.periods.gap')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.periods.map((x) => (
                <Table.Tr key={x.number}>
                  <Table.Td>{t('pathways.periods.of', { n: x.number, max: MAX_PERIODS })}</Table.Td>
                  <Table.Td>{formatDay(x.startsOn, lang)}</Table.Td>
                  <Table.Td data-testid={`period-${x.number}-end`}>{formatDay(x.endsOn, lang)}</Table.Td>
                  <Table.Td>
                    {formatDay(x.decisionOn, lang)}
                    {x.decisionReference ? ` · ${x.decisionReference}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {x.gapDays > 0 ? t('pathways.periods.gapDays', { count: x.gapDays }) : t('pathways.periods.noGap')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Stack gap={4}>
          <Title order={3} size="h5">
            {t('pathways.timeline')}
          </Title>
          {p.events.length === 0 ? (
            <Text size="sm">{t('pathways.noEvent')}</Text>
          ) : (
            <ol aria-label={t('pathways.timeline')} style={{ margin: 0, paddingLeft: '1.25rem' }}>
              {p.events.map((e) => (
                <li key={e.id}>
                  <Text size="sm" span>
                    {formatDay(e.on, lang)} — {t(`pathways.event.${e.kind}`)}
                    {e.opinion ? ` (${t(`pathways.opinion.${e.opinion}`)})` : ''}
                    {e.periodNumber ? ` · ${t('pathways.periods.of', { n: e.periodNumber, max: MAX_PERIODS })}` : ''}
                    {e.decisionReference ? ` · ${e.decisionReference}` : ''}
                    {e.endReason ? ` · ${t(`pathways.endReason.${e.endReason}`)}` : ''}
                  </Text>
                </li>
              ))}
            </ol>
          )}
        </Stack>
        {p.kind === 'psp' && p.periods.length >= MAX_PERIODS && !p.closedOn && (
          <Text size="sm" role="note">
            {t('pathways.errors.PERIOD_CEILING')}
          </Text>
        )}
        <Group gap="xs" role="group" aria-label={t('pathways.actions')}>
          {p.allowedEvents.map((kind) => (
            <Button
              key={kind}
              variant={step === kind ? 'filled' : 'default'}
              size="compact-md"
              aria-expanded={step === kind}
              onClick={() => setStep(step === kind ? null : kind)}
            >
              {t(`pathways.action.${kind}`)}
            </Button>
          ))}
        </Group>
        {step && <StepForm pathway={p} kind={step} onDone={() => setStep(null)} />}
        {p.snapshots.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              {t('pathways.snapshots.title')}
            </Title>
            {p.snapshots.map((snap) => (
              <Text size="sm" key={snap.moment}>
                {t(`pathways.snapshots.${snap.moment}`, { date: formatDay(snap.takenOn, lang) })}{' '}
                {[
                  `${t('pathways.rightKind.housing')} : ${snap.housing ? t(`pathways.situation.${snap.housing}`) : '—'}`,
                  `${t('pathways.snapshots.income')} : ${
                    snap.income.length
                      ? snap.income
                          .map((i) =>
                            i === 'afis' ? 'AFIS' : t(`pathways.situation.${i}` as 'pathways.situation.other'),
                          )
                          .join(', ')
                      : t('pathways.snapshots.none')
                  }`,
                  `${t('pathways.rightKind.employment')} : ${
                    snap.employment ? t(`pathways.situation.${snap.employment}`) : '—'
                  }`,
                  `${t('pathways.snapshots.permit')} : ${snap.permit ? 'APS' : t('pathways.snapshots.none')}`,
                ].join(' · ')}
              </Text>
            ))}
          </Stack>
        )}
        <Goals pathway={p} personId={personId} />
      </Stack>
    </Paper>
  );
}

function StepForm({ pathway, kind, onDone }: { pathway: PathwayView; kind: PathwayEventKind; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [on, setOn] = useState(parisToday());
  const [reference, setReference] = useState('');
  const [opinion, setOpinion] = useState<CommissionOpinion>('favourable');
  const [startsOn, setStartsOn] = useState('');
  const [notifiedOn, setNotifiedOn] = useState('');
  const [endReason, setEndReason] = useState<PathwayEndReason>('no_renewal_requested');
  const firstPeriod = pathway.periods.length === 0 && (kind === 'authorise' || kind === 'appeal_granted');
  const save = useMutation({
    mutationFn: () => {
      const body: StepInput = { kind, on };
      if (DECISIONS.includes(kind) && reference.trim()) body.decisionReference = reference.trim();
      if (kind === 'opinion') body.opinion = opinion;
      if (firstPeriod && startsOn) body.startsOn = startsOn;
      if (kind === 'refuse' && notifiedOn) body.notifiedOn = notifiedOn;
      if (kind === 'end') body.endReason = endReason;
      return recordStep(pathway.id, body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: pathwayKeys.all });
      onDone();
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
      <form onSubmit={onSubmit} aria-label={t(`pathways.action.${kind}`)}>
        <Stack gap="sm" align="flex-start">
          <Text fw={700}>{t(`pathways.action.${kind}`)}</Text>
          <Text size="sm">{t(`pathways.needs.${kind}`)}</Text>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              type="date"
              label={t('pathways.form.on')}
              value={on}
              onChange={(e) => setOn(e.currentTarget.value)}
            />
            {kind === 'opinion' && (
              <NativeSelect
                label={t('pathways.form.opinion')}
                value={opinion}
                data={COMMISSION_OPINIONS.map((o) => ({ value: o, label: t(`pathways.opinion.${o}`) }))}
                onChange={(e) => setOpinion(e.currentTarget.value as CommissionOpinion)}
              />
            )}
            {DECISIONS.includes(kind) && (
              <TextInput
                label={t('pathways.form.reference')}
                value={reference}
                maxLength={64}
                onChange={(e) => setReference(e.currentTarget.value)}
              />
            )}
            {firstPeriod && (
              <TextInput
                type="date"
                label={t('pathways.form.startsOn')}
                description={t('pathways.form.startsOnHint')}
                value={startsOn}
                onChange={(e) => setStartsOn(e.currentTarget.value)}
              />
            )}
            {kind === 'refuse' && (
              <TextInput
                type="date"
                label={t('pathways.form.notifiedOn')}
                value={notifiedOn}
                onChange={(e) => setNotifiedOn(e.currentTarget.value)}
              />
            )}
            {kind === 'end' && (
              <NativeSelect
                label={t('pathways.form.endReason')}
                value={endReason}
                data={PATHWAY_END_REASONS.filter((r) => r !== 'renewal_refused').map((r) => ({
                  value: r,
                  label: t(`pathways.endReason.${r}`),
                }))}
                onChange={(e) => setEndReason(e.currentTarget.value as PathwayEndReason)}
              />
            )}
          </Group>
          {save.isError && <PathwayError error={save.error} />}
          <Group gap="xs">
            <Button type="submit" loading={save.isPending}>
              {t('pathways.form.record')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('pathways.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Goals({ pathway, personId }: { pathway: PathwayView; personId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [domain, setDomain] = useState<GoalDomain>('housing');
  const [title, setTitle] = useState('');
  const [targetOn, setTargetOn] = useState('');
  const add = useMutation({
    mutationFn: () => addGoal(pathway.id, { domain, title: title.trim(), targetOn: targetOn || null }),
    onSuccess: () => {
      setTitle('');
      setTargetOn('');
      void queryClient.invalidateQueries({ queryKey: pathwayKeys.ofPerson(personId) });
    },
  });
  const byDomain = GOAL_DOMAINS.map((d) => [d, pathway.goals.filter((g) => g.domain === d)] as const).filter(
    ([, goals]) => goals.length > 0,
  );
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        {t('pathways.goals.title')}
      </Title>
      {byDomain.length === 0 && <Text size="sm">{t('pathways.goals.empty')}</Text>}
      {byDomain.map(([d, goals]) => (
        <Stack key={d} gap={4} component="section" aria-label={t(`pathways.domain.${d}`)}>
          <Text fw={600}>{t(`pathways.domain.${d}`)}</Text>
          {goals.map((g) => (
            <GoalRow key={g.id} goal={g} personId={personId} />
          ))}
        </Stack>
      ))}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (title.trim()) add.mutate();
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('pathways.goals.domain')}
            value={domain}
            data={GOAL_DOMAINS.map((d) => ({ value: d, label: t(`pathways.domain.${d}`) }))}
            onChange={(e) => setDomain(e.currentTarget.value as GoalDomain)}
          />
          <TextInput
            label={t('pathways.goals.goal')}
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('pathways.goals.targetOn')}
            value={targetOn}
            onChange={(e) => setTargetOn(e.currentTarget.value)}
          />
          <Button type="submit" variant="default" loading={add.isPending}>
            {t('pathways.goals.add')}
          </Button>
        </Group>
        {add.isError && <PathwayError error={add.error} />}
      </form>
    </Stack>
  );
}

function GoalRow({ goal, personId }: { goal: GoalView; personId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [outcome, setOutcome] = useState(goal.outcome ?? '');
  const change = useMutation({
    mutationFn: (fields: { status?: GoalStatus; outcome?: string | null }) =>
      updateGoal(goal.pathwayId, goal.id, { ...fields, version: goal.version }),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: pathwayKeys.ofPerson(personId) });
    },
  });
  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      <Text size="sm" style={{ minWidth: '14rem' }}>
        {goal.title}
        {goal.targetOn ? ` · ${t('pathways.goals.target', { date: formatDay(goal.targetOn, i18n.language) })}` : ''}
      </Text>
      <NativeSelect
        size="xs"
        label={t('pathways.goals.statusOf', { goal: goal.title })}
        value={goal.status}
        data={GOAL_STATUSES.map((s) => ({ value: s, label: t(`pathways.goalStatus.${s}`) }))}
        onChange={(e) => {
          setSaved(false);
          change.mutate({ status: e.currentTarget.value as GoalStatus });
        }}
      />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          change.mutate({ outcome: outcome.trim() || null });
        }}
      >
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            size="xs"
            label={t('pathways.goals.outcomeOf', { goal: goal.title })}
            value={outcome}
            maxLength={1000}
            onChange={(e) => setOutcome(e.currentTarget.value)}
          />
          <Button type="submit" size="compact-sm" variant="default">
            {t('pathways.goals.saveOutcome')}
          </Button>
        </Group>
      </form>
      {saved && <SuccessNotice>{t('pathways.goals.saved')}</SuccessNotice>}
      {change.isError && <PathwayError error={change.error} />}
    </Group>
  );
}

/** Validity colours: expired, expiring within 60 days, valid (with words, never colour alone). */
function validity(right: RightView, today: string): { tone: Tone; key: string } | null {
  const until = right.status === 'renewing' ? (right.receiptUntil ?? right.endsOn) : right.endsOn;
  if (right.status === 'refused') return { tone: 'negative', key: 'refused' };
  if (right.status === 'requested') return { tone: 'pending', key: 'requested' };
  if (!until)
    return right.status === 'ended' || right.status === 'expired'
      ? { tone: 'neutral', key: 'ended' }
      : { tone: 'positive', key: 'current' };
  const days = daysUntil(today, until);
  if (days < 0) return { tone: 'negative', key: 'expired' };
  if (days <= 60) return { tone: 'warning', key: 'expiresSoon' };
  return { tone: 'positive', key: 'valid' };
}

const SITUATIONS_BY_KIND: Partial<Record<RightKind, readonly string[]>> = {
  housing: HOUSING_SITUATIONS,
  employment: EMPLOYMENT_SITUATIONS,
  other_income: OTHER_INCOME_KINDS,
};

function Rights({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rights = useQuery({
    queryKey: pathwayKeys.rights(personId),
    queryFn: ({ signal }) => fetchRights(personId, signal),
  });
  const today = parisToday();
  return (
    <Stack gap="sm" component="section" aria-labelledby="rights-title">
      <Title order={2} size="h3" id="rights-title">
        {t('pathways.rights.title')}
      </Title>
      {rights.isPending ? (
        <ListSkeleton label={t('pathways.loading')} rows={2} />
      ) : rights.isError ? (
        <LoadError error={rights.error} onRetry={() => void rights.refetch()} retrying={rights.isFetching} />
      ) : rights.data.length === 0 ? (
        <Text size="sm">{t('pathways.rights.empty')}</Text>
      ) : (
        <Table aria-label={t('pathways.rights.title')} withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('pathways.rights.kind')}</Table.Th>
              <Table.Th scope="col">{t('pathways.rights.status')}</Table.Th>
              <Table.Th scope="col">{t('pathways.rights.dates')}</Table.Th>
              <Table.Th scope="col">{t('pathways.rights.validity')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rights.data.map((r) => {
              const v = validity(r, today);
              return (
                <Table.Tr key={r.id}>
                  <Table.Td>{t(`pathways.rightKind.${r.kind}`)}</Table.Td>
                  <Table.Td>
                    {t(`pathways.rightStatus.${r.status}` as 'pathways.rightStatus.current')}
                    {r.situation ? ` · ${t(`pathways.situation.${r.situation}` as 'pathways.situation.other')}` : ''}
                    {r.refusalReason ? ` · ${t(`pathways.refusal.${r.refusalReason}`)}` : ''}
                    {r.monthlyAmountCents !== null
                      ? ` · ${new Intl.NumberFormat(lang.startsWith('en') ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR' }).format(r.monthlyAmountCents / 100)} ${t('pathways.rights.perMonth')}`
                      : ''}
                  </Table.Td>
                  <Table.Td>
                    {r.requestedOn ? `${t('pathways.rights.requested')} ${formatDay(r.requestedOn, lang)} ` : ''}
                    {r.startsOn ? `${t('pathways.rights.from')} ${formatDay(r.startsOn, lang)} ` : ''}
                    {r.endsOn ? `${t('pathways.rights.until')} ${formatDay(r.endsOn, lang)}` : ''}
                    {r.receiptUntil ? ` · ${t('pathways.rights.receiptUntil')} ${formatDay(r.receiptUntil, lang)}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {v && (
                      <StateLabel tone={v.tone}>
                        {t(`pathways.validity.${v.key}` as 'pathways.validity.valid')}
                      </StateLabel>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <RightForm personId={personId} />
    </Stack>
  );
}

function RightForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<RightKind>('residence_permit');
  const [status, setStatus] = useState<string>(RIGHT_STATUSES.residence_permit[1]);
  const [situation, setSituation] = useState('');
  const [requestedOn, setRequestedOn] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [receiptUntil, setReceiptUntil] = useState('');
  const [refusalReason, setRefusalReason] = useState('');
  const [children, setChildren] = useState<number | string>(0);
  const situations = SITUATIONS_BY_KIND[kind];
  const add = useMutation({
    mutationFn: () => {
      const body: RightInput = { kind, status };
      if (situations) body.situation = situation || situations[0];
      if (requestedOn) body.requestedOn = requestedOn;
      if (startsOn) body.startsOn = startsOn;
      if (endsOn) body.endsOn = endsOn;
      if (kind === 'residence_permit' && receiptUntil) body.receiptUntil = receiptUntil;
      if (kind === 'income_support' && status === 'refused')
        body.refusalReason = refusalReason || AFIS_REFUSAL_REASONS[0];
      if (kind === 'income_support') body.children = Number(children) || 0;
      return addRight(personId, body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: pathwayKeys.all });
    },
  });
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
        aria-label={t('pathways.rights.add')}
      >
        <Stack gap="sm" align="flex-start">
          <Text fw={700}>{t('pathways.rights.add')}</Text>
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('pathways.rights.kind')}
              value={kind}
              data={RIGHT_KINDS.map((k) => ({ value: k, label: t(`pathways.rightKind.${k}`) }))}
              onChange={(e) => {
                const next = e.currentTarget.value as RightKind;
                setKind(next);
                setStatus(RIGHT_STATUSES[next].includes('current') ? 'current' : RIGHT_STATUSES[next][0]);
                setSituation('');
                add.reset();
              }}
            />
            <NativeSelect
              label={t('pathways.rights.status')}
              value={status}
              data={RIGHT_STATUSES[kind].map((s) => ({
                value: s,
                label: t(`pathways.rightStatus.${s}` as 'pathways.rightStatus.current'),
              }))}
              onChange={(e) => setStatus(e.currentTarget.value)}
            />
            {situations && (
              <NativeSelect
                label={t('pathways.rights.situation')}
                value={situation || situations[0]}
                data={situations.map((s) => ({
                  value: s,
                  label: t(`pathways.situation.${s}` as 'pathways.situation.other'),
                }))}
                onChange={(e) => setSituation(e.currentTarget.value)}
              />
            )}
          </Group>
          <Group align="flex-end" wrap="wrap">
            {(kind === 'residence_permit' || kind === 'income_support') && (
              <TextInput
                type="date"
                label={t('pathways.rights.requestedOn')}
                value={requestedOn}
                onChange={(e) => setRequestedOn(e.currentTarget.value)}
              />
            )}
            <TextInput
              type="date"
              label={t('pathways.rights.startsOn')}
              value={startsOn}
              onChange={(e) => setStartsOn(e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('pathways.rights.endsOn')}
              value={endsOn}
              onChange={(e) => setEndsOn(e.currentTarget.value)}
            />
            {kind === 'residence_permit' && status === 'renewing' && (
              <TextInput
                type="date"
                label={t('pathways.rights.receiptUntil')}
                value={receiptUntil}
                onChange={(e) => setReceiptUntil(e.currentTarget.value)}
              />
            )}
            {kind === 'income_support' && status === 'refused' && (
              <NativeSelect
                label={t('pathways.rights.refusalReason')}
                value={refusalReason || AFIS_REFUSAL_REASONS[0]}
                data={AFIS_REFUSAL_REASONS.map((r) => ({ value: r, label: t(`pathways.refusal.${r}`) }))}
                onChange={(e) => setRefusalReason(e.currentTarget.value)}
              />
            )}
            {kind === 'income_support' && (
              <NumberInput
                label={t('pathways.rights.children')}
                min={0}
                max={20}
                value={children}
                onChange={setChildren}
                w={140}
              />
            )}
          </Group>
          {kind === 'income_support' && <Text size="sm">{t('pathways.rights.afisHint')}</Text>}
          {add.isError && <PathwayError error={add.error} />}
          {add.isSuccess && <SuccessNotice>{t('pathways.rights.saved')}</SuccessNotice>}
          <Button type="submit" loading={add.isPending}>
            {t('pathways.rights.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
