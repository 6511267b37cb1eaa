import { Anchor, Button, Fieldset, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  REMINDER_LEAD_TIME_NAMES,
  REMINDER_LEAD_TIMES,
  type AssociationSettingsView,
  type ReminderLeadTime,
  type ReminderLeadTimes,
  type Role,
} from '@app/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { adminKeys, fetchSettings, updateSettings, type SettingsChange } from '../../api/admin';
import { isVersionConflict } from '../../api/errors';
import { BREAK_GLASS_HOURS, parseWholeNumber } from '../../admin/organisation';
import { isAssignableRole, sameMembers } from '../../admin/users';
import { ConflictAlert } from '../../components/ConflictAlert';
import { ErrorAlert, NoticeAlert, SuccessNotice } from '../../components/ErrorAlert';
import { ListSkeleton, LoadError } from '../../components/ListStates';
import { PathwaySettingsSection } from '../pathways/PathwaySettingsForm';
import { ACCOUNT_EVENTS_PATH } from './paths';
import { RoleCheckboxes } from './RoleCheckboxes';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: adminKeys.settings(), queryFn: ({ signal }) => fetchSettings(signal) });
  return (
    <Stack gap="lg" maw={720}>
      <Title order={1}>{t('nav.settings')}</Title>
      <Text>{t('settings.intro')}</Text>
      {settings.isPending ? (
        <ListSkeleton label={t('settings.loading')} rows={3} />
      ) : settings.isError ? (
        <LoadError error={settings.error} onRetry={() => void settings.refetch()} retrying={settings.isFetching} />
      ) : (
        <SettingsForm settings={settings.data} onReload={() => settings.refetch()} />
      )}
      <PathwaySettingsSection />
      <Anchor component={Link} to={ACCOUNT_EVENTS_PATH}>
        {t('users.accountEventsLink')}
      </Anchor>
    </Stack>
  );
}

interface Draft extends Record<ReminderLeadTime, string> {
  mfaRequiredRoles: Role[];
  breakGlassHours: string;
  /** The version the values were read at: sent with them, so a concurrent change answers 409. */
  version: number;
}

type NumberField = 'breakGlassHours' | ReminderLeadTime;

function draftOf(settings: AssociationSettingsView): Draft {
  const leadTimes = Object.fromEntries(REMINDER_LEAD_TIME_NAMES.map((name) => [name, String(settings[name])]));
  return {
    ...(leadTimes as Record<ReminderLeadTime, string>),
    mfaRequiredRoles: settings.mfaRequiredRoles.filter(isAssignableRole),
    breakGlassHours: String(settings.breakGlassHours),
    version: settings.version,
  };
}

function SettingsForm({ settings, onReload }: { settings: AssociationSettingsView; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Kept apart from the query's data: a background refetch must not wipe what is being typed.
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [errors, setErrors] = useState<Partial<Record<NumberField, string>>>({});
  const [notice, setNotice] = useState<{ kind: 'done' | 'unchanged'; text: string } | null>(null);
  const inputs = useRef<Partial<Record<NumberField, HTMLInputElement | null>>>({});

  const save = useMutation({
    mutationFn: updateSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.settings(), saved);
      setDraft(draftOf(saved));
      setNotice({ kind: 'done', text: t('settings.saved') });
    },
    onError: async (error) => {
      if (isVersionConflict(error)) await onReload();
    },
  });

  const change = (next: Partial<Draft>) => {
    setDraft({ ...draft, ...next });
    setNotice(null);
  };

  const submit = (version: number) => {
    const breakGlassHours = parseWholeNumber(draft.breakGlassHours, BREAK_GLASS_HOURS);
    const next: Partial<Record<NumberField, string>> = {};
    if (breakGlassHours === null) next.breakGlassHours = t('settings.breakGlassHoursInvalid', { ...BREAK_GLASS_HOURS });
    const leadTimes: Partial<ReminderLeadTimes> = {};
    for (const name of REMINDER_LEAD_TIME_NAMES) {
      const value = parseWholeNumber(draft[name], REMINDER_LEAD_TIMES[name]);
      if (value === null) next[name] = t(`settings.${name}Invalid`, { ...REMINDER_LEAD_TIMES[name] });
      else leadTimes[name] = value;
    }
    setErrors(next);
    const firstInvalid = (['breakGlassHours', ...REMINDER_LEAD_TIME_NAMES] as const).find((name) => next[name]);
    if (breakGlassHours === null || firstInvalid) {
      if (firstInvalid) inputs.current[firstInvalid]?.focus();
      return;
    }
    const values = leadTimes as ReminderLeadTimes;
    const unchanged =
      version === settings.version &&
      sameMembers(draft.mfaRequiredRoles, settings.mfaRequiredRoles) &&
      breakGlassHours === settings.breakGlassHours &&
      REMINDER_LEAD_TIME_NAMES.every((name) => values[name] === settings[name]);
    if (unchanged) {
      setNotice({ kind: 'unchanged', text: t('common.noChange') });
      return;
    }
    const request: SettingsChange = {
      mfaRequiredRoles: draft.mfaRequiredRoles,
      breakGlassHours,
      ...values,
      version,
    };
    save.mutate(request);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit(draft.version);
  };

  const conflict = isVersionConflict(save.error);
  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg" align="flex-start">
          <RoleCheckboxes
            label={t('settings.mfaRoles')}
            description={t('settings.mfaRolesHint')}
            value={draft.mfaRequiredRoles}
            onChange={(mfaRequiredRoles) => change({ mfaRequiredRoles })}
          />
          <TextInput
            ref={(element) => {
              inputs.current.breakGlassHours = element;
            }}
            label={t('settings.breakGlassHours')}
            description={t('settings.breakGlassHoursHint', { ...BREAK_GLASS_HOURS })}
            inputMode="numeric"
            required
            withAsterisk={false}
            w="100%"
            maw={420}
            value={draft.breakGlassHours}
            onChange={(event) => change({ breakGlassHours: event.currentTarget.value })}
            error={errors.breakGlassHours}
          />
          <Fieldset legend={t('settings.leadTimes')} w="100%">
            <Stack gap="md">
              <Text size="sm">{t('settings.leadTimesHint')}</Text>
              {REMINDER_LEAD_TIME_NAMES.map((name) => (
                <TextInput
                  key={name}
                  ref={(element) => {
                    inputs.current[name] = element;
                  }}
                  label={t(`settings.${name}`)}
                  description={t(`settings.${name}Hint`, { ...REMINDER_LEAD_TIMES[name] })}
                  inputMode="numeric"
                  required
                  withAsterisk={false}
                  w="100%"
                  maw={420}
                  value={draft[name]}
                  onChange={(event) => change({ [name]: event.currentTarget.value })}
                  error={errors[name]}
                />
              ))}
            </Stack>
          </Fieldset>
          {conflict ? (
            <ConflictAlert
              onReload={() => {
                setDraft(draftOf(settings));
                setErrors({});
                save.reset();
              }}
              onKeepMine={() => {
                setDraft({ ...draft, version: settings.version });
                submit(settings.version);
              }}
              keeping={save.isPending}
            />
          ) : (
            save.isError && <ErrorAlert error={save.error} />
          )}
          {notice &&
            (notice.kind === 'done' ? (
              <SuccessNotice>{notice.text}</SuccessNotice>
            ) : (
              <NoticeAlert>{notice.text}</NoticeAlert>
            ))}
          <Button type="submit" loading={save.isPending && !conflict}>
            {t('settings.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
