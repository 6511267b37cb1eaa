import { Anchor, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { PERSON_STATUSES, type PersonStatus, type PersonSummary } from '@app/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { fetchDeadlines, pathwayKeys } from '../../api/pathways';
import { fetchPersons, peopleKeys, searchPersons } from '../../api/people';
import { queryString, readPage } from '../../api/query';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconPlus, IconSearch } from '../../components/icons';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { Pager } from '../../components/Pager';
import { formatCount, formatDateTime } from '../../format/format';
import { DeadlineLabel } from '../pathways/shared';
import { personPath, PERSONS_NEW_PATH } from './person';
import { MaskSwitch, PersonStatusLabel, useMaskedNames } from './shared';

const PAGE_SIZE = 20;

function isStatus(value: string | null): value is PersonStatus {
  return value !== null && (PERSON_STATUSES as readonly string[]).includes(value);
}

/** Whether a key press happened while typing somewhere, where "/" is just a character. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function CaseloadPage({ titleKey }: { titleKey: 'nav.caseload' | 'nav.teamCaseload' }) {
  const { t, i18n } = useTranslation();
  const [masked] = useMaskedNames();
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const mine = searchParams.get('mine') === 'true';
  const page = readPage(searchParams.get('page'));
  const query = queryString({ page, pageSize: PAGE_SIZE, status, mine: mine ? 'true' : undefined });
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [searchText, setSearchText] = useState('');

  const persons = useQuery({
    queryKey: peopleKeys.list(query),
    queryFn: ({ signal }) => fetchPersons(query, signal),
    placeholderData: keepPreviousData,
  });
  const search = useMutation({ mutationFn: (text: string) => searchPersons(text) });
  // The next deadline of each row: one request for the visible page (GET /api/deadlines?personIds=…).
  const pageIds = (persons.data?.items ?? []).map((p) => p.id).join(',');
  const deadlinesQuery = `personIds=${pageIds}`;
  const deadlines = useQuery({
    queryKey: pathwayKeys.deadlines(deadlinesQuery),
    queryFn: ({ signal }) => fetchDeadlines(deadlinesQuery, signal),
    enabled: pageIds !== '',
  });
  const nextDeadline = (personId: string) => deadlines.data?.find((d) => d.personId === personId);

  // "/" from anywhere on the page focuses the search box (UI.md "Search from anywhere").
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const setFilter = (next: { status?: PersonStatus; mine: boolean; page: number }) => {
    const params: Record<string, string> = {};
    if (next.status) params['status'] = next.status;
    if (next.mine) params['mine'] = 'true';
    if (next.page > 1) params['page'] = String(next.page);
    setSearchParams(params);
  };

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = searchText.trim();
    if (text === '') {
      search.reset();
      return;
    }
    search.mutate(text);
  };

  const name = (person: PersonSummary) => (masked ? person.fileNumber : person.displayName || person.fileNumber);
  const columns: DataColumn<PersonSummary>[] = [
    {
      key: 'name',
      header: t('people.columns.name'),
      cell: (person) => (
        <Anchor component={Link} to={personPath(person.id)} fw={600}>
          {name(person)}
        </Anchor>
      ),
    },
    {
      key: 'fileNumber',
      header: t('people.columns.fileNumber'),
      cell: (person) => <Text className="id-text">{person.fileNumber}</Text>,
    },
    {
      key: 'status',
      header: t('people.columns.status'),
      cell: (person) => <PersonStatusLabel status={person.status} />,
    },
    {
      key: 'lastContact',
      header: t('people.columns.lastContact'),
      cell: (person) => (
        <Text size="sm">
          {person.lastContactAt ? formatDateTime(person.lastContactAt, i18n.language) : t('people.noContactYet')}
        </Text>
      ),
    },
    {
      key: 'nextDeadline',
      header: t('pathways.caseloadNext'),
      cell: (person) => {
        const next = nextDeadline(person.id);
        return next ? <DeadlineLabel item={next} /> : <Text size="sm">{t('pathways.noUpcoming')}</Text>;
      },
    },
    {
      key: 'minor',
      header: t('people.columns.minor'),
      cell: (person) => <Text size="sm">{person.minor ? t('people.minorYes') : t('people.minorNo')}</Text>,
    },
  ];

  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1}>{t(titleKey)}</Title>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <form role="search" aria-label={t('people.search.label')} onSubmit={onSearch}>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              ref={searchRef}
              label={t('people.search.field')}
              description={t('people.search.hint')}
              autoComplete="off"
              value={searchText}
              onChange={(event) => setSearchText(event.currentTarget.value)}
            />
            <Button type="submit" leftSection={<IconSearch size={16} />} loading={search.isPending}>
              {t('people.search.submit')}
            </Button>
          </Group>
        </form>
        <Button component={Link} to={PERSONS_NEW_PATH} leftSection={<IconPlus size={18} />}>
          {t('people.create')}
        </Button>
      </Group>

      {(search.isSuccess || search.isError) && (
        <Stack gap="sm" component="section" aria-labelledby="search-results">
          <Group justify="space-between">
            <Title order={2} size="h3" id="search-results">
              {t('people.search.results')}
            </Title>
            <Button
              variant="default"
              size="compact-sm"
              onClick={() => {
                search.reset();
                setSearchText('');
                searchRef.current?.focus();
              }}
            >
              {t('people.search.clear')}
            </Button>
          </Group>
          {search.isError ? (
            <ErrorAlert error={search.error} />
          ) : (
            <>
              <Text role="status" fw={600}>
                {t('people.search.count', { count: search.data?.length ?? 0 })}
              </Text>
              {search.data && search.data.length > 0 && (
                <DataTable
                  label={t('people.search.results')}
                  columns={columns}
                  rows={search.data}
                  rowKey={(person) => person.id}
                />
              )}
            </>
          )}
        </Stack>
      )}

      <Group role="group" aria-label={t('people.filters.label')} gap="md" wrap="wrap" align="flex-end">
        <NativeSelect
          label={t('people.filters.status')}
          value={status ?? ''}
          data={[
            { value: '', label: t('people.filters.statusAll') },
            ...PERSON_STATUSES.map((value) => ({ value, label: t(`people.status.${value}`) })),
          ]}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setFilter({ status: isStatus(value) ? value : undefined, mine, page: 1 });
          }}
        />
        <Checkbox
          label={t('people.filters.mine')}
          checked={mine}
          onChange={(event) => setFilter({ status, mine: event.currentTarget.checked, page: 1 })}
        />
        <MaskSwitch />
      </Group>

      {persons.isPending ? (
        <ListSkeleton label={t('people.loading')} />
      ) : persons.isError ? (
        <LoadError error={persons.error} onRetry={() => void persons.refetch()} retrying={persons.isFetching} />
      ) : (
        <Stack gap="md" aria-busy={persons.isPlaceholderData}>
          <Text ref={summaryRef} tabIndex={-1} role="status" fw={600}>
            {t('people.count', {
              count: persons.data.total,
              formatted: formatCount(persons.data.total, i18n.language),
            })}
          </Text>
          {persons.data.items.length === 0 ? (
            <EmptyState
              action={
                <Button component={Link} to={PERSONS_NEW_PATH} variant="default">
                  {t('people.create')}
                </Button>
              }
            >
              {t(status || mine ? 'people.emptyFiltered' : 'people.empty')}
            </EmptyState>
          ) : (
            <DataTable
              label={t('people.tableLabel')}
              columns={columns}
              rows={persons.data.items}
              rowKey={(person) => person.id}
            />
          )}
          <Pager
            page={page}
            total={persons.data.total}
            pageSize={PAGE_SIZE}
            onPage={(next) => {
              setFilter({ status, mine, page: next });
              summaryRef.current?.focus();
            }}
          />
        </Stack>
      )}
    </Stack>
  );
}
