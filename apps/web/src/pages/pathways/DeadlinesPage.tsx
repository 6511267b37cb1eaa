import { Anchor, NativeSelect, Stack, Text, Title } from '@mantine/core';
import type { DeadlineItem } from '@app/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchDeadlines, pathwayKeys } from '../../api/pathways';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { personPath } from '../people/person';
import { DeadlineLabel } from './shared';

/** Upcoming and overdue deadlines of my files or of everyone in my scope (psp.md deadlines). */
export function DeadlinesPage() {
  const { t } = useTranslation();
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const query = `scope=${scope}`;
  const deadlines = useQuery({
    queryKey: pathwayKeys.deadlines(query),
    queryFn: ({ signal }) => fetchDeadlines(query, signal),
  });
  const columns: DataColumn<DeadlineItem>[] = [
    {
      key: 'what',
      header: t('pathways.deadlinesPage.what'),
      cell: (d) => <DeadlineLabel item={d} />,
    },
    {
      key: 'person',
      header: t('pathways.deadlinesPage.person'),
      cell: (d) => (
        <Anchor component={Link} to={personPath(d.personId)}>
          {t('pathways.deadlinesPage.person')} <span className="id-text">{d.personId.slice(0, 8)}</span>
        </Anchor>
      ),
    },
  ];
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1}>{t('nav.deadlines')}</Title>
      <Text>{t('pathways.deadlinesPage.intro')}</Text>
      <NativeSelect
        label={t('pathways.deadlinesPage.scope')}
        value={scope}
        w={320}
        data={[
          { value: 'mine', label: t('pathways.deadlinesPage.scopeMine') },
          { value: 'all', label: t('pathways.deadlinesPage.scopeAll') },
        ]}
        onChange={(e) => setScope(e.currentTarget.value === 'all' ? 'all' : 'mine')}
      />
      {deadlines.isPending ? (
        <ListSkeleton label={t('pathways.loading')} />
      ) : deadlines.isError ? (
        <LoadError error={deadlines.error} onRetry={() => void deadlines.refetch()} retrying={deadlines.isFetching} />
      ) : deadlines.data.length === 0 ? (
        <EmptyState>{t('pathways.deadlinesPage.empty')}</EmptyState>
      ) : (
        <DataTable
          label={t('pathways.deadlinesPage.label')}
          columns={columns}
          rows={deadlines.data}
          rowKey={(d) => `${d.sourceId}-${d.labelKey}-${d.dueOn}-${d.leadDays ?? 0}`}
        />
      )}
    </Stack>
  );
}
