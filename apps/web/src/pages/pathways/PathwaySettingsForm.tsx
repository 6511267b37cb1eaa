import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { PathwaySettings, PathwaySettingsView } from '@app/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchPathwaySettings, pathwayKeys, updatePathwaySettings } from '../../api/pathways';
import { ErrorAlert, SuccessNotice } from '../../components/ErrorAlert';
import { ListSkeleton, LoadError } from '../../components/ListStates';

type Field = Exclude<keyof PathwaySettings, 'renewalLeadDays'>;
const FIELDS: readonly Field[] = [
  'periodMonths',
  'maxPeriods',
  'exitPlanFollowUpMonths',
  'apsLeadDays',
  'appealWindowMonths',
  'appealReminderDays',
  'afisMonthlyCents',
  'afisPerChildCents',
  'deadlineHorizonDays',
];
const EUROS: readonly Field[] = ['afisMonthlyCents', 'afisPerChildCents'];

type Draft = Record<Field | 'renewalLeadDays', string>;

function draftOf(s: PathwaySettings): Draft {
  const draft = { renewalLeadDays: s.renewalLeadDays.join(', ') } as Draft;
  for (const f of FIELDS) draft[f] = EUROS.includes(f) ? (s[f] / 100).toFixed(2) : String(s[f]);
  return draft;
}

/** Parses the draft; null with the field in error when a value is not a whole number (or amount). */
function parse(draft: Draft): { value: Partial<PathwaySettings> } | { field: string } {
  const value: Partial<PathwaySettings> = {};
  for (const f of FIELDS) {
    const text = draft[f].trim().replace(',', '.');
    const n = EUROS.includes(f) ? Math.round(Number(text) * 100) : Number(text);
    if (text === '' || !Number.isInteger(n) || n < 0) return { field: f };
    value[f] = n;
  }
  const leads = draft.renewalLeadDays
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
  if (leads.length === 0 || leads.some((d) => !Number.isInteger(d) || d < 1)) return { field: 'renewalLeadDays' };
  value.renewalLeadDays = leads;
  return { value };
}

/** psp.md's durations, lead times and AFIS amounts: settings with its defaults, never literals. */
export function PathwaySettingsSection() {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: pathwayKeys.settings(),
    queryFn: ({ signal }) => fetchPathwaySettings(signal),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="pathway-settings">
      <Stack gap="sm">
        <Title order={2} size="h3" id="pathway-settings">
          {t('pathways.settings.title')}
        </Title>
        <Text size="sm">{t('pathways.settings.intro')}</Text>
        {settings.isPending ? (
          <ListSkeleton label={t('pathways.loading')} rows={3} />
        ) : settings.isError ? (
          <LoadError error={settings.error} onRetry={() => void settings.refetch()} retrying={settings.isFetching} />
        ) : (
          <Form view={settings.data} />
        )}
      </Stack>
    </Paper>
  );
}

function Form({ view }: { view: PathwaySettingsView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view.settings));
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (value: Partial<PathwaySettings>) => updatePathwaySettings({ ...value, version: view.version }),
    onSuccess: (next) => {
      queryClient.setQueryData(pathwayKeys.settings(), next);
      setDraft(draftOf(next.settings));
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parse(draft);
    if ('field' in parsed) {
      setInvalid(parsed.field);
      return;
    }
    setInvalid(null);
    save.mutate(parsed.value);
  };
  const field = (name: Field | 'renewalLeadDays') => (
    <TextInput
      key={name}
      label={t(`pathways.settings.${name}`)}
      description={t('pathways.settings.default', {
        value: name === 'renewalLeadDays' ? view.defaults.renewalLeadDays.join(', ') : draftOf(view.defaults)[name],
      })}
      value={draft[name]}
      error={invalid === name ? t('pathways.settings.invalid') : undefined}
      inputMode={name === 'renewalLeadDays' ? 'text' : 'decimal'}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setDraft((d) => ({ ...d, [name]: value }));
        save.reset();
      }}
      w={260}
    />
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm" align="flex-start">
        <Group align="flex-start" wrap="wrap">
          {field('periodMonths')}
          {field('maxPeriods')}
          {field('renewalLeadDays')}
          {field('exitPlanFollowUpMonths')}
          {field('apsLeadDays')}
          {field('appealWindowMonths')}
          {field('appealReminderDays')}
          {field('afisMonthlyCents')}
          {field('afisPerChildCents')}
          {field('deadlineHorizonDays')}
        </Group>
        {save.isError && <ErrorAlert error={save.error} />}
        {save.isSuccess && <SuccessNotice>{t('pathways.settings.saved')}</SuccessNotice>}
        <Button type="submit" loading={save.isPending}>
          {t('pathways.settings.save')}
        </Button>
      </Stack>
    </form>
  );
}
