import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  PasswordInput,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  CONTACT_CHANNELS,
  GENDERS,
  IDENTITY_DOCUMENT_KINDS,
  NATIONALITY_GROUPS,
  PERSON_STATUSES,
  type PersonStatus,
} from '@app/contracts';
import { useCallback, useId, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { StateLabel } from '../../components/StateLabel';
import { IconCircleX, IconPlus } from '../../components/icons';
import { MASK_STORAGE_KEY, STATUS_TONES, type FieldProblem, type FormDraft } from './person';

// Masked mode: remembered in localStorage and shared by every screen that shows names.
const listeners = new Set<() => void>();
function readMasked(): boolean {
  try {
    return window.localStorage.getItem(MASK_STORAGE_KEY) === 'true';
  } catch {
    return false;
  }
}

export function useMaskedNames(): [boolean, (masked: boolean) => void] {
  const masked = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    readMasked,
    () => false,
  );
  const setMasked = useCallback((next: boolean) => {
    try {
      window.localStorage.setItem(MASK_STORAGE_KEY, String(next));
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    listeners.forEach((listener) => listener());
  }, []);
  return [masked, setMasked];
}

export function MaskSwitch() {
  const { t } = useTranslation();
  const [masked, setMasked] = useMaskedNames();
  return (
    <Switch label={t('people.mask')} checked={masked} onChange={(event) => setMasked(event.currentTarget.checked)} />
  );
}

export function PersonStatusLabel({ status }: { status: PersonStatus }) {
  const { t } = useTranslation();
  return <StateLabel tone={STATUS_TONES[status]}>{t(`people.status.${status}`)}</StateLabel>;
}

/** A list of short texts (aliases, phones, languages): each removable, one added at a time. */
function ListField({
  label,
  addLabel,
  values,
  onChange,
  error,
}: {
  label: string;
  addLabel: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [next, setNext] = useState('');
  const id = useId();
  const add = () => {
    const value = next.trim();
    if (value === '') return;
    onChange([...values, value]);
    setNext('');
  };
  return (
    <Stack gap={4} role="group" aria-labelledby={id}>
      <Text id={id} size="sm" fw={500}>
        {label}
      </Text>
      {values.length > 0 && (
        <Stack component="ul" gap={4} className="plain-list">
          {values.map((value, index) => (
            <Group component="li" key={`${value}-${index}`} gap="xs" wrap="nowrap">
              <Text size="sm">{value}</Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('people.form.remove', { value })}
                onClick={() => onChange(values.filter((_, at) => at !== index))}
              >
                <IconCircleX size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={addLabel}
          value={next}
          autoComplete="off"
          error={error}
          onChange={(event) => setNext(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          onBlur={add}
        />
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={add}>
          {t('people.form.add')}
        </Button>
      </Group>
    </Stack>
  );
}

export type FieldsPart = 'identity' | 'safeContact' | 'attributes';

/** The fields of a file, one part at a time (the file page's tabs) or all of them (creation). */
export function PersonFields({
  draft,
  onChange,
  problems,
  parts,
  withStatus = false,
}: {
  draft: FormDraft;
  onChange: (draft: FormDraft) => void;
  problems: Record<string, FieldProblem>;
  parts: readonly FieldsPart[];
  withStatus?: boolean;
}) {
  const { t } = useTranslation();
  const err = (field: string) => (problems[field] ? t(`people.problems.${problems[field]}`) : undefined);
  const identity = (change: Partial<FormDraft['identity']>) =>
    onChange({ ...draft, identity: { ...draft.identity, ...change } });
  const safe = (change: Partial<FormDraft['safeContact']>) =>
    onChange({ ...draft, safeContact: { ...draft.safeContact, ...change } });
  const attributes = (change: Partial<FormDraft['attributes']>) =>
    onChange({ ...draft, attributes: { ...draft.attributes, ...change } });
  const text = (value: string | null) => value ?? '';
  const docState = (kind: string) => {
    const document = draft.identity.documents.find((doc) => doc.kind === kind);
    return document ? (document.held ? 'held' : 'missing') : '';
  };

  return (
    <Stack gap="md" maw={560}>
      {withStatus && (
        <NativeSelect
          label={t('people.fields.status')}
          value={draft.status}
          data={PERSON_STATUSES.map((status) => ({ value: status, label: t(`people.status.${status}`) }))}
          onChange={(event) => onChange({ ...draft, status: event.currentTarget.value as PersonStatus })}
        />
      )}
      {parts.includes('identity') && (
        <>
          <TextInput
            label={t('people.fields.usedName')}
            description={t('people.fields.usedNameHint')}
            autoComplete="off"
            value={text(draft.identity.usedName)}
            error={err('usedName')}
            onChange={(event) => identity({ usedName: event.currentTarget.value || null })}
          />
          <TextInput
            label={t('people.fields.legalName')}
            autoComplete="off"
            value={text(draft.identity.legalName)}
            error={err('legalName')}
            onChange={(event) => identity({ legalName: event.currentTarget.value || null })}
          />
          <ListField
            label={t('people.fields.aliases')}
            addLabel={t('people.fields.addAlias')}
            values={draft.identity.aliases}
            onChange={(aliases) => identity({ aliases })}
          />
          <TextInput
            type="date"
            label={t('people.fields.birthDate')}
            value={text(draft.identity.birthDate)}
            error={err('birthDate')}
            onChange={(event) => identity({ birthDate: event.currentTarget.value || null })}
          />
          <ListField
            label={t('people.fields.phones')}
            addLabel={t('people.fields.addPhone')}
            values={draft.identity.phones}
            onChange={(phones) => identity({ phones })}
            error={err('phones')}
          />
          <TextInput
            type="email"
            label={t('people.fields.email')}
            autoComplete="off"
            value={text(draft.identity.email)}
            error={err('email')}
            onChange={(event) => identity({ email: event.currentTarget.value || null })}
          />
          <Textarea
            label={t('people.fields.address')}
            autosize
            minRows={2}
            value={text(draft.identity.address)}
            error={err('address')}
            onChange={(event) => identity({ address: event.currentTarget.value || null })}
          />
          <NativeSelect
            label={t('people.fields.verification')}
            value={draft.identity.verification}
            data={(['unverified', 'partial', 'verified'] as const).map((value) => ({
              value,
              label: t(`people.verification.${value}`),
            }))}
            onChange={(event) =>
              identity({ verification: event.currentTarget.value as FormDraft['identity']['verification'] })
            }
          />
          <Stack gap="xs" role="group" aria-label={t('people.fields.documents')}>
            <Text size="sm" fw={500}>
              {t('people.fields.documents')}
            </Text>
            {IDENTITY_DOCUMENT_KINDS.map((kind) => (
              <NativeSelect
                key={kind}
                label={t(`people.documents.${kind}`)}
                value={docState(kind)}
                data={[
                  { value: '', label: t('people.documentState.unknown') },
                  { value: 'held', label: t('people.documentState.held') },
                  { value: 'missing', label: t('people.documentState.missing') },
                ]}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  const others = draft.identity.documents.filter((doc) => doc.kind !== kind);
                  identity({ documents: value === '' ? others : [...others, { kind, held: value === 'held' }] });
                }}
              />
            ))}
          </Stack>
        </>
      )}
      {parts.includes('safeContact') && (
        <>
          <Checkbox
            label={t('people.fields.neverCall')}
            checked={draft.safeContact.neverCall}
            onChange={(event) => safe({ neverCall: event.currentTarget.checked })}
          />
          <NativeSelect
            label={t('people.fields.channel')}
            value={draft.safeContact.channel ?? ''}
            data={[
              { value: '', label: t('people.channel.none') },
              ...CONTACT_CHANNELS.map((channel) => ({ value: channel, label: t(`people.channel.${channel}`) })),
            ]}
            onChange={(event) =>
              safe({ channel: (event.currentTarget.value || null) as FormDraft['safeContact']['channel'] })
            }
          />
          <TextInput
            label={t('people.fields.hours')}
            autoComplete="off"
            value={text(draft.safeContact.hours)}
            error={err('hours')}
            onChange={(event) => safe({ hours: event.currentTarget.value || null })}
          />
          <PasswordInput
            label={t('people.fields.codeWord')}
            autoComplete="off"
            value={text(draft.safeContact.codeWord)}
            error={err('codeWord')}
            visibilityToggleButtonProps={{ 'aria-label': t('people.revealCodeWord') }}
            onChange={(event) => safe({ codeWord: event.currentTarget.value || null })}
          />
          <Checkbox
            label={t('people.fields.lettersAllowed')}
            checked={draft.safeContact.lettersAllowed}
            onChange={(event) => safe({ lettersAllowed: event.currentTarget.checked })}
          />
        </>
      )}
      {parts.includes('attributes') && (
        <>
          <TextInput
            label={t('people.fields.birthYear')}
            inputMode="numeric"
            autoComplete="off"
            value={draft.attributes.birthYear === null ? '' : String(draft.attributes.birthYear)}
            error={err('birthYear')}
            onChange={(event) => {
              const value = event.currentTarget.value.trim();
              attributes({ birthYear: value === '' ? null : Number(value) });
            }}
          />
          <NativeSelect
            label={t('people.fields.gender')}
            value={draft.attributes.gender}
            data={GENDERS.map((gender) => ({ value: gender, label: t(`people.gender.${gender}`) }))}
            onChange={(event) => attributes({ gender: event.currentTarget.value as FormDraft['attributes']['gender'] })}
          />
          <NativeSelect
            label={t('people.fields.nationalityGroup')}
            value={draft.attributes.nationalityGroup}
            data={NATIONALITY_GROUPS.map((group) => ({ value: group, label: t(`people.nationality.${group}`) }))}
            onChange={(event) =>
              attributes({
                nationalityGroup: event.currentTarget.value as FormDraft['attributes']['nationalityGroup'],
              })
            }
          />
          <ListField
            label={t('people.fields.languages')}
            addLabel={t('people.fields.addLanguage')}
            values={draft.attributes.languages}
            onChange={(languages) => attributes({ languages: languages.map((code) => code.toLowerCase()) })}
            error={err('languages')}
          />
          <TextInput
            label={t('people.fields.departement')}
            description={t('people.fields.departementHint')}
            autoComplete="off"
            value={text(draft.attributes.departement)}
            error={err('departement')}
            onChange={(event) => attributes({ departement: event.currentTarget.value.toUpperCase() || null })}
          />
        </>
      )}
    </Stack>
  );
}
