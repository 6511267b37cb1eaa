import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { adminKeys } from '../../api/admin';
import { fetchAccountEvents } from '../../api/audit';
import { queryString, readPage } from '../../api/query';
import { AuditEntryTable } from '../../components/AuditEntryTable';
import { IconArrowLeft } from '../../components/icons';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { Pager } from '../../components/Pager';
import { formatCount } from '../../format/format';
import { USERS_PATH } from './paths';

const PAGE_SIZE = 50;

/** The admins' part of the audit trail: sign-ins and changes to accounts, sites, teams, settings. */
export function AccountEventsPage() {
  const { t, i18n } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = readPage(searchParams.get('page'));
  const query = queryString({ page, pageSize: PAGE_SIZE });
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const events = useQuery({
    queryKey: adminKeys.accountEvents(query),
    queryFn: ({ signal }) => fetchAccountEvents(query, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="lg" maw={1200}>
      <Anchor component={Link} to={USERS_PATH}>
        <Group gap={4} component="span" wrap="nowrap" style={{ display: 'inline-flex' }}>
          <IconArrowLeft size={16} />
          {t('accountEvents.back')}
        </Group>
      </Anchor>
      <Title order={1}>{t('accountEvents.title')}</Title>
      <Text maw={720}>{t('accountEvents.intro')}</Text>
      {events.isPending ? (
        <ListSkeleton label={t('auditTable.loading')} />
      ) : events.isError ? (
        <LoadError error={events.error} onRetry={() => void events.refetch()} retrying={events.isFetching} />
      ) : (
        <Stack gap="md" aria-busy={events.isPlaceholderData}>
          <Text ref={summaryRef} tabIndex={-1} role="status" fw={600}>
            {t('auditTable.count', {
              count: events.data.total,
              formatted: formatCount(events.data.total, i18n.language),
            })}
          </Text>
          {events.data.items.length === 0 ? (
            <EmptyState>{t('accountEvents.empty')}</EmptyState>
          ) : (
            <AuditEntryTable entries={events.data.items} label={t('accountEvents.tableLabel')} />
          )}
          <Pager
            page={page}
            total={events.data.total}
            pageSize={PAGE_SIZE}
            onPage={(next) => {
              setSearchParams(next > 1 ? { page: String(next) } : {});
              summaryRef.current?.focus();
            }}
          />
        </Stack>
      )}
    </Stack>
  );
}
