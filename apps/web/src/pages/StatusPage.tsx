import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchHealth, type CheckState, type HealthCheck, type HealthReport } from '../api/health';
import { IconAlertTriangle, IconCircleCheck, IconCircleX } from '../components/icons';

const UP_COLOUR = 'var(--mantine-color-green-8)';
const DOWN_COLOUR = 'var(--mantine-color-red-8)';

export const HEALTH_QUERY_KEY = ['health'] as const;

const KNOWN_CHECKS = {
  database: 'status.checks.database',
  redis: 'status.checks.redis',
} as const;

function isKnownCheck(name: string): name is keyof typeof KNOWN_CHECKS {
  return Object.hasOwn(KNOWN_CHECKS, name);
}

function CheckName({ name }: { name: string }) {
  const { t } = useTranslation();
  // Unknown indicators still show, under their technical key, rather than disappear.
  return <Text fw={600}>{isKnownCheck(name) ? t(KNOWN_CHECKS[name]) : name}</Text>;
}

function StateLabel({ state }: { state: CheckState }) {
  const { t } = useTranslation();
  const up = state === 'up';
  return (
    <Group gap={6} wrap="nowrap" data-state={state}>
      {/* Colour on the icon only: as text it would miss 4.5:1, and the words carry the state. */}
      {up ? <IconCircleCheck color={UP_COLOUR} /> : <IconCircleX color={DOWN_COLOUR} />}
      <Text span fw={600}>
        {t(up ? 'status.state.up' : 'status.state.down')}
      </Text>
    </Group>
  );
}

function CheckRow({ check }: { check: HealthCheck }) {
  return (
    <Group component="li" justify="space-between" wrap="wrap" gap="xs" py="sm" data-check={check.name}>
      <CheckName name={check.name} />
      <StateLabel state={check.state} />
    </Group>
  );
}

function Report({
  report,
  updatedAt,
  onRefresh,
  refreshing,
}: {
  report: HealthReport;
  updatedAt: number;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const { t, i18n } = useTranslation();
  const ok = report.status === 'ok';
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' }).format(updatedAt);
  return (
    <Stack gap="md">
      <Group gap="xs" wrap="nowrap" role="status">
        {ok ? <IconCircleCheck size={24} color={UP_COLOUR} /> : <IconAlertTriangle size={24} color={DOWN_COLOUR} />}
        <Text fw={600}>{t(ok ? 'status.overall.ok' : 'status.overall.error')}</Text>
      </Group>
      <Paper withBorder px="md" component="section" aria-labelledby="status-checks-heading">
        <Title order={2} size="h4" id="status-checks-heading" pt="md">
          {t('status.checksHeading')}
        </Title>
        {report.checks.length === 0 ? (
          <Text py="sm">{t('status.empty')}</Text>
        ) : (
          <ul className="plain-list">
            {report.checks.map((check) => (
              <CheckRow key={check.name} check={check} />
            ))}
          </ul>
        )}
      </Paper>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed">
          {t('status.lastChecked', { time })}
        </Text>
        <Button variant="default" onClick={onRefresh} loading={refreshing}>
          {t('status.refresh')}
        </Button>
      </Group>
    </Stack>
  );
}

function ReportSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-busy="true">
      <VisuallyHidden role="status">{t('status.loading')}</VisuallyHidden>
      <Skeleton height={24} width="60%" />
      <Paper withBorder p="md">
        <Stack gap="md">
          <Skeleton height={20} width="30%" />
          <Skeleton height={20} />
          <Skeleton height={20} />
        </Stack>
      </Paper>
    </Stack>
  );
}

function ReportError({ onRetry, retrying }: { onRetry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="outline" icon={<IconAlertTriangle />} title={t('status.error.title')}>
      <Stack gap="sm" align="flex-start">
        <Text inherit>{t('status.error.body')}</Text>
        <Button onClick={onRetry} loading={retrying}>
          {t('status.error.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}

export function StatusPage() {
  const { t } = useTranslation();
  const health = useQuery({
    queryKey: HEALTH_QUERY_KEY,
    queryFn: ({ signal }) => fetchHealth(signal),
    refetchInterval: 30_000,
  });
  const refetch = () => void health.refetch();

  return (
    <Stack gap="lg" maw={720}>
      <Title order={1}>{t('status.title')}</Title>
      <Text>{t('status.intro')}</Text>
      {health.isPending ? (
        <ReportSkeleton />
      ) : health.isError ? (
        <ReportError onRetry={refetch} retrying={health.isFetching} />
      ) : (
        <Report
          report={health.data}
          updatedAt={health.dataUpdatedAt}
          onRefresh={refetch}
          refreshing={health.isFetching}
        />
      )}
    </Stack>
  );
}
