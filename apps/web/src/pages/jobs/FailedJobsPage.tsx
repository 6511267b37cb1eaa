import { Button, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchFailedJobs, peopleKeys, retryJob, type FailedJob } from '../../api/people';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { SuccessNotice } from '../../components/ErrorAlert';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { formatDateTime } from '../../format/format';

export function FailedJobsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const jobs = useQuery({ queryKey: peopleKeys.failedJobs(), queryFn: ({ signal }) => fetchFailedJobs(signal) });
  const [confirming, setConfirming] = useState<FailedJob | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const retry = useMutation({
    mutationFn: (job: FailedJob) => retryJob(job.id),
    onSuccess: (_, job) => {
      setConfirming(null);
      setDone(t('failedJobs.retried', { name: job.jobName }));
      void queryClient.invalidateQueries({ queryKey: peopleKeys.failedJobs() });
    },
  });

  const columns: DataColumn<FailedJob>[] = [
    { key: 'name', header: t('failedJobs.columns.name'), cell: (job) => <Text fw={600}>{job.jobName}</Text> },
    {
      key: 'error',
      header: t('failedJobs.columns.error'),
      cell: (job) => <Text className="id-text">{job.lastErrorCode ?? '—'}</Text>,
    },
    { key: 'attempts', header: t('failedJobs.columns.attempts'), cell: (job) => <Text>{job.attempts}</Text> },
    {
      key: 'failedAt',
      header: t('failedJobs.columns.failedAt'),
      cell: (job) => <Text size="sm">{formatDateTime(job.failedAt, i18n.language)}</Text>,
    },
    {
      key: 'action',
      header: t('failedJobs.columns.action'),
      cell: (job) => (
        <Button
          variant="default"
          size="compact-sm"
          aria-label={t('failedJobs.retryNamed', { name: job.jobName })}
          onClick={() => {
            retry.reset();
            setConfirming(job);
          }}
        >
          {t('failedJobs.retry')}
        </Button>
      ),
    },
  ];

  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1}>{t('nav.failedJobs')}</Title>
      <Text maw={720}>{t('failedJobs.intro')}</Text>
      {done && <SuccessNotice>{done}</SuccessNotice>}
      {jobs.isPending ? (
        <ListSkeleton label={t('failedJobs.loading')} />
      ) : jobs.isError ? (
        <LoadError error={jobs.error} onRetry={() => void jobs.refetch()} retrying={jobs.isFetching} />
      ) : jobs.data.length === 0 ? (
        <EmptyState>{t('failedJobs.empty')}</EmptyState>
      ) : (
        <DataTable label={t('failedJobs.tableLabel')} columns={columns} rows={jobs.data} rowKey={(job) => job.id} />
      )}
      <ConfirmDialog
        opened={confirming !== null}
        title={t('failedJobs.confirmTitle')}
        confirmLabel={t('failedJobs.retry')}
        pending={retry.isPending}
        error={retry.error ?? undefined}
        onConfirm={() => confirming && retry.mutate(confirming)}
        onClose={() => setConfirming(null)}
      >
        <Text>{t('failedJobs.confirmBody', { name: confirming?.jobName ?? '' })}</Text>
      </ConfirmDialog>
    </Stack>
  );
}
