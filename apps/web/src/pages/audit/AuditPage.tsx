import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { auditExportHref, auditKeys, fetchAuditEntries } from '../../api/audit';
import { KNOWN_ACTION_CODES } from '../../audit/actions';
import {
  auditApiQuery,
  auditExportQuery,
  auditSearchParams,
  checkAuditFilters,
  EMPTY_AUDIT_FILTERS,
  hasAuditFilters,
  normaliseAuditFilters,
  readAuditSearch,
  type AuditFilterField,
  type AuditFilterProblem,
  type AuditFilters,
} from '../../audit/filters';
import { AuditEntryTable } from '../../components/AuditEntryTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconDownload, IconSearch } from '../../components/icons';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { Pager } from '../../components/Pager';
import { formatCount } from '../../format/format';

const PAGE_SIZE = 50;
const ACTION_LIST_ID = 'audit-action-codes';

/**
 * The DPO's search of the whole trail. The filters live in the address bar (ids, codes and days:
 * never a name), so a search can be shared with a colleague and survives a reload.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const { filters, page } = readAuditSearch(searchParams);
  // A filter typed into the address bar is checked like one typed in the form.
  const valid = Object.keys(checkAuditFilters(filters)).length === 0;

  const search = (next: AuditFilters, nextPage: number) => setSearchParams(auditSearchParams(next, nextPage));

  return (
    <Stack gap="lg" maw={1200}>
      <Title order={1}>{t('nav.audit')}</Title>
      <Text maw={760}>{t('audit.intro')}</Text>
      {/* Keyed by the address: going back in history puts the form back with the filters searched. */}
      <FilterForm key={searchParams.toString()} initial={filters} onSearch={(next) => search(next, 1)} />
      {valid ? (
        <Results filters={filters} page={page} onPage={(next) => search(filters, next)} />
      ) : (
        <ErrorAlert message={t('audit.invalidFilters')} />
      )}
    </Stack>
  );
}

function FilterForm({ initial, onSearch }: { initial: AuditFilters; onSearch: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const [problems, setProblems] = useState(() => checkAuditFilters(initial));
  const refs = {
    actorId: useRef<HTMLInputElement>(null),
    action: useRef<HTMLInputElement>(null),
    objectId: useRef<HTMLInputElement>(null),
    from: useRef<HTMLInputElement>(null),
    to: useRef<HTMLInputElement>(null),
  } satisfies Record<AuditFilterField, unknown>;

  const problemText = (problem: AuditFilterProblem | undefined) =>
    problem ? t(`audit.filters.errors.${problem}`) : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const normalised = normaliseAuditFilters(draft);
    const found = checkAuditFilters(normalised);
    setProblems(found);
    const first = (['actorId', 'action', 'objectId', 'from', 'to'] as const).find((field) => found[field]);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    onSearch(normalised);
  };

  const field = (name: AuditFilterField) => ({
    ref: refs[name],
    value: draft[name],
    onChange: (event: { currentTarget: HTMLInputElement }) => setDraft({ ...draft, [name]: event.currentTarget.value }),
    error: problemText(problems[name]),
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="audit-filters-heading">
      <form onSubmit={onSubmit} noValidate role="search" aria-labelledby="audit-filters-heading">
        <Stack gap="md">
          <Title order={2} size="h3" id="audit-filters-heading">
            {t('audit.filters.heading')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            <TextInput
              {...field('actorId')}
              label={t('audit.filters.actorId')}
              description={t('audit.filters.actorIdHint')}
              autoComplete="off"
              spellCheck={false}
            />
            <TextInput
              {...field('action')}
              label={t('audit.filters.action')}
              description={t('audit.filters.actionHint')}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              list={ACTION_LIST_ID}
            />
            <TextInput
              {...field('objectId')}
              label={t('audit.filters.objectId')}
              description={t('audit.filters.objectIdHint')}
              autoComplete="off"
              spellCheck={false}
            />
            <TextInput
              {...field('from')}
              type="date"
              label={t('audit.filters.from')}
              description={t('audit.filters.datesHint')}
            />
            <TextInput
              {...field('to')}
              type="date"
              label={t('audit.filters.to')}
              description={t('audit.filters.datesHint')}
            />
          </SimpleGrid>
          {/* Suggestions for the action field; any other code may still be typed. */}
          <datalist id={ACTION_LIST_ID}>
            {KNOWN_ACTION_CODES.map((code) => (
              <option key={code} value={code} />
            ))}
          </datalist>
          <Group gap="sm">
            <Button type="submit" leftSection={<IconSearch size={18} />}>
              {t('audit.filters.submit')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setDraft(EMPTY_AUDIT_FILTERS);
                setProblems({});
                onSearch(EMPTY_AUDIT_FILTERS);
              }}
            >
              {t('audit.filters.clear')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Results({ filters, page, onPage }: { filters: AuditFilters; page: number; onPage: (page: number) => void }) {
  const { t, i18n } = useTranslation();
  const query = auditApiQuery(filters, page, PAGE_SIZE);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const entries = useQuery({
    queryKey: auditKeys.entries(query),
    queryFn: ({ signal }) => fetchAuditEntries(query, signal),
    placeholderData: keepPreviousData,
    // Each search is itself recorded in the trail: no silent refetch when the window regains focus.
    refetchOnWindowFocus: false,
  });

  return (
    <Stack gap="md" component="section" aria-labelledby="audit-results-heading">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Title order={2} size="h3" id="audit-results-heading">
          {t('audit.results.heading')}
        </Title>
        <Button
          component="a"
          href={auditExportHref(auditExportQuery(filters))}
          download="envol-audit.csv"
          variant="default"
          leftSection={<IconDownload size={18} />}
        >
          {t('audit.export')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('audit.exportHint')}
      </Text>
      {entries.isPending ? (
        <ListSkeleton label={t('auditTable.loading')} />
      ) : entries.isError ? (
        <LoadError error={entries.error} onRetry={() => void entries.refetch()} retrying={entries.isFetching} />
      ) : (
        <Stack gap="md" aria-busy={entries.isPlaceholderData}>
          <Text ref={summaryRef} tabIndex={-1} role="status" fw={600}>
            {t('auditTable.count', {
              count: entries.data.total,
              formatted: formatCount(entries.data.total, i18n.language),
            })}
          </Text>
          {entries.data.items.length === 0 ? (
            <EmptyState>{t(hasAuditFilters(filters) ? 'audit.emptyFiltered' : 'audit.empty')}</EmptyState>
          ) : (
            <AuditEntryTable entries={entries.data.items} label={t('audit.tableLabel')} />
          )}
          <Pager
            page={page}
            total={entries.data.total}
            pageSize={PAGE_SIZE}
            onPage={(next) => {
              onPage(next);
              summaryRef.current?.focus();
            }}
          />
        </Stack>
      )}
    </Stack>
  );
}
