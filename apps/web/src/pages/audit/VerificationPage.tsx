import { Button, Group, List, Paper, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { verifyAudit, type VerificationReport } from '../../api/audit';
import { describeProblem } from '../../audit/problems';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconAlertTriangle, IconCircleCheck, IconInfoCircle } from '../../components/icons';
import { formatCount, formatLongDateTime } from '../../format/format';

/**
 * Runs the verifier on demand: every seal and every sealed entry recomputed. Not on page load:
 * the run reads the whole trail and is itself recorded, so it happens when the DPO asks.
 */
export function VerificationPage() {
  const { t } = useTranslation();
  const run = useMutation({
    mutationFn: async () => ({ report: await verifyAudit(), at: new Date().toISOString() }),
  });

  return (
    <Stack gap="lg" maw={880}>
      <Title order={1}>{t('verification.title')}</Title>
      <Text>{t('verification.intro')}</Text>
      <Group>
        <Button onClick={() => run.mutate()} loading={run.isPending}>
          {t('verification.run')}
        </Button>
      </Group>
      {/* Present from the start, so that the outcome is announced when it arrives. */}
      <div role="status" aria-live="polite">
        {run.isPending && <VisuallyHidden>{t('verification.running')}</VisuallyHidden>}
        {run.isSuccess && <Summary report={run.data.report} at={run.data.at} />}
      </div>
      {run.isError && <ErrorAlert error={run.error} />}
      {run.isSuccess && <Details report={run.data.report} />}
    </Stack>
  );
}

function Summary({ report, at }: { report: VerificationReport; at: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" data-outcome={report.ok ? 'ok' : 'problems'}>
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {report.ok ? (
            <IconCircleCheck size={28} color="var(--mantine-color-green-8)" style={{ flexShrink: 0 }} />
          ) : (
            <IconAlertTriangle size={28} color="var(--mantine-color-red-8)" style={{ flexShrink: 0 }} />
          )}
          <Text fw={700} size="lg">
            {report.ok
              ? t('verification.ok')
              : t('verification.failed', {
                  count: report.problems.length,
                  formatted: formatCount(report.problems.length, i18n.language),
                })}
          </Text>
        </Group>
        {!report.ok && <Text>{t('verification.failedAdvice')}</Text>}
        <Text size="sm" c="dimmed">
          {t('verification.checkedAt', { date: formatLongDateTime(at, i18n.language) })}
        </Text>
      </Stack>
    </Paper>
  );
}

function Details({ report }: { report: VerificationReport }) {
  const { t, i18n } = useTranslation();
  const count = (value: number) => formatCount(value, i18n.language);
  return (
    <>
      <Paper withBorder p="md" component="section" aria-labelledby="verification-counts-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="verification-counts-heading">
            {t('verification.counts.heading')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" component="dl" className="figures">
            <div>
              <dt>{t('verification.counts.seals')}</dt>
              <dd>{count(report.seals)}</dd>
            </div>
            <div>
              <dt>{t('verification.counts.sealed')}</dt>
              <dd>{count(report.sealedEntries)}</dd>
            </div>
            <div>
              <dt>{t('verification.counts.unsealed')}</dt>
              <dd>{count(report.unsealedEntries)}</dd>
            </div>
          </SimpleGrid>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconInfoCircle size={18} color="var(--mantine-color-gray-7)" style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="sm">{t('verification.unsealedNote')}</Text>
          </Group>
        </Stack>
      </Paper>
      {report.problems.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="verification-problems-heading">
          <Stack gap="sm">
            <Title order={2} size="h3" id="verification-problems-heading">
              {t('verification.problemsHeading')}
            </Title>
            <List spacing="xs">
              {report.problems.map((problem, index) => {
                const message = describeProblem(problem);
                return (
                  <List.Item key={`${problem.kind}-${problem.seal}-${problem.entryId ?? ''}-${index}`}>
                    {t(message.key, message.values)}
                  </List.Item>
                );
              })}
            </List>
          </Stack>
        </Paper>
      )}
    </>
  );
}
