import { Alert, Text } from '@mantine/core';
import type { DeadlineItem } from '@app/contracts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconAlertTriangle } from '../../components/icons';
import { StateLabel, type Tone } from '../../components/StateLabel';
import { localeOf } from '../../format/format';

/** A calendar date ('YYYY-MM-DD') in words, with no time zone shift. */
export function formatDay(day: string | null, language: string): string {
  if (!day) return '—';
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** The rules' coded refusals, in words (a fifth period, a decision before its request…). */
export function PathwayError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (isApiError(error) && i18n.exists(`pathways.errors.${error.code}`)) {
    return (
      <Alert color="red" variant="outline" icon={<IconAlertTriangle />} role="alert">
        <Text inherit>{t(`pathways.errors.${error.code}` as 'pathways.errors.PERIOD_CEILING')}</Text>
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}

export function DeadlineLabel({ item }: { item: DeadlineItem }) {
  const { t, i18n } = useTranslation();
  const tone: Tone = item.overdue ? 'negative' : 'warning';
  return (
    <StateLabel tone={tone}>
      {`${t(`pathways.${item.labelKey}` as 'pathways.deadline.renewal_review', { days: item.leadDays ?? 0 })} — ${item.overdue ? t('pathways.overdueSince') : t('pathways.dueOn')} ${formatDay(item.dueOn, i18n.language)}`}
    </StateLabel>
  );
}
