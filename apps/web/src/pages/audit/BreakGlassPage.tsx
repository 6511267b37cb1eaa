import { Anchor, Button, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  auditKeys,
  fetchBreakGlassGrants,
  reviewBreakGlassGrant,
  type BreakGlassGrant,
  type GrantListShow,
} from '../../api/audit';
import { auditSearchParams, EMPTY_AUDIT_FILTERS } from '../../audit/filters';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ErrorAlert, SuccessNotice } from '../../components/ErrorAlert';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { ShortId } from '../../components/ShortId';
import { StateLabel } from '../../components/StateLabel';
import { formatCount, formatDateTime } from '../../format/format';
import { NAVIGATION_ENTRIES } from '../../navigation';

function readShow(value: string | null): GrantListShow {
  return value === 'all' ? 'all' : 'pending';
}

/** The entries about one file in the trail: by its id, never by the person's name. */
function auditOfPerson(personId: string): string {
  return `${NAVIGATION_ENTRIES.audit.path}?${auditSearchParams({ ...EMPTY_AUDIT_FILTERS, objectId: personId }, 1).toString()}`;
}

export function BreakGlassPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const show = readShow(searchParams.get('show'));
  const [notice, setNotice] = useState<string | null>(null);

  const grants = useQuery({
    queryKey: auditKeys.grantList(show),
    queryFn: ({ signal }) => fetchBreakGlassGrants(show, signal),
  });

  const review = useMutation({
    mutationFn: (grant: BreakGlassGrant) => reviewBreakGlassGrant(grant.id),
    onSuccess: async (grant) => {
      setNotice(t('breakGlass.reviewedNotice', { date: formatDateTime(grant.grantedAt, i18n.language) }));
      await queryClient.invalidateQueries({ queryKey: auditKeys.grants() });
    },
  });

  const columns: DataColumn<BreakGlassGrant>[] = [
    {
      key: 'grantedAt',
      header: t('breakGlass.columns.grantedAt'),
      cell: (grant) => <Text size="sm">{formatDateTime(grant.grantedAt, i18n.language)}</Text>,
    },
    { key: 'user', header: t('breakGlass.columns.user'), cell: (grant) => <ShortId id={grant.userId} /> },
    {
      key: 'person',
      header: t('breakGlass.columns.person'),
      cell: (grant) => (
        <Stack gap={2} align="flex-start">
          <ShortId id={grant.personId} />
          <Anchor component={Link} to={auditOfPerson(grant.personId)} size="sm">
            {t('breakGlass.inAudit')}
          </Anchor>
        </Stack>
      ),
    },
    {
      key: 'reason',
      header: t('breakGlass.columns.reason'),
      cell: (grant) => (
        <Text size="sm" className="id-text">
          {grant.reason}
        </Text>
      ),
    },
    {
      key: 'expiresAt',
      header: t('breakGlass.columns.expiresAt'),
      cell: (grant) => <Text size="sm">{formatDateTime(grant.expiresAt, i18n.language)}</Text>,
    },
    {
      key: 'state',
      header: t('breakGlass.columns.state'),
      cell: (grant) =>
        grant.reviewedAt ? (
          <StateLabel tone="positive">
            {t('breakGlass.reviewedOn', { date: formatDateTime(grant.reviewedAt, i18n.language) })}
          </StateLabel>
        ) : (
          <Stack gap="xs" align="flex-start">
            <StateLabel tone="pending">{t('breakGlass.pending')}</StateLabel>
            <Button
              size="compact-md"
              onClick={() => {
                setNotice(null);
                review.mutate(grant);
              }}
              loading={review.isPending && review.variables.id === grant.id}
              aria-label={t('breakGlass.reviewNamed', { date: formatDateTime(grant.grantedAt, i18n.language) })}
            >
              {t('breakGlass.review')}
            </Button>
          </Stack>
        ),
    },
  ];

  return (
    <Stack gap="lg" maw={1200}>
      <Title order={1}>{t('nav.breakGlassReview')}</Title>
      <Text maw={760}>{t('breakGlass.intro')}</Text>
      <Stack gap={4}>
        <Text id="break-glass-show" size="sm" fw={500}>
          {t('breakGlass.show')}
        </Text>
        <SegmentedControl
          aria-labelledby="break-glass-show"
          value={show}
          onChange={(value) => {
            setNotice(null);
            setSearchParams(value === 'all' ? { show: 'all' } : {});
          }}
          data={[
            { value: 'pending', label: t('breakGlass.showPending') },
            { value: 'all', label: t('breakGlass.showAll') },
          ]}
          w="fit-content"
        />
      </Stack>
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      {review.isError && <ErrorAlert error={review.error} />}
      {grants.isPending ? (
        <ListSkeleton label={t('breakGlass.loading')} />
      ) : grants.isError ? (
        <LoadError error={grants.error} onRetry={() => void grants.refetch()} retrying={grants.isFetching} />
      ) : (
        <Stack gap="md">
          <Text role="status" fw={600}>
            {t(show === 'pending' ? 'breakGlass.countPending' : 'breakGlass.countAll', {
              count: grants.data.length,
              formatted: formatCount(grants.data.length, i18n.language),
            })}
          </Text>
          {grants.data.length === 0 ? (
            <EmptyState>{t(show === 'pending' ? 'breakGlass.emptyPending' : 'breakGlass.emptyAll')}</EmptyState>
          ) : (
            <DataTable
              label={t('breakGlass.tableLabel')}
              columns={columns}
              rows={grants.data}
              rowKey={(grant) => grant.id}
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}
