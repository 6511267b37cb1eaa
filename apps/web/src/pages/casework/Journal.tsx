import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  ACCOMPANIMENT_PLACES,
  ATTENDEES,
  CONFIDENTIALITY_LEVELS,
  type AccompanimentPlace,
  type Attendee,
  JOURNAL_EVENT_TYPES,
  type Confidentiality,
  type JournalEventType,
  type JournalEventView,
} from '@app/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { caseworkKeys, deleteNote, editNote, fetchJournal, fetchNoteVersions, logNote } from '../../api/casework';
import { isVersionConflict } from '../../api/errors';
import { peopleKeys } from '../../api/people';
import { useSession } from '../../auth/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictAlert } from '../../components/ConflictAlert';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert, SuccessNotice } from '../../components/ErrorAlert';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { StateLabel } from '../../components/StateLabel';
import { formatDateTime } from '../../format/format';

const PAGE_SIZE = 20;
export const QUICK_ENTRY_TYPE_ID = 'quick-entry-type';

/** Whether a key press happened while typing somewhere (then single-key shortcuts stay off). */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The quick-entry box (UI.md "Seconds, not minutes"): `n` from anywhere in the file focuses it,
 * the type is picked with the arrow keys, Tab reaches the text, Ctrl+Enter saves.
 */
export function QuickEntry({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [type, setType] = useState<JournalEventType>('interview');
  const [text, setText] = useState('');
  const [confidentiality, setConfidentiality] = useState<Confidentiality>('team');
  const [duration, setDuration] = useState('');
  // Empty: now. A note is often written after the fact ("this morning's interview").
  const [occurredAt, setOccurredAt] = useState('');
  const [attendees, setAttendees] = useState<Attendee[]>(['person']);
  const [place, setPlace] = useState<AccompanimentPlace | ''>('');
  const [saved, setSaved] = useState(false);
  const [empty, setEmpty] = useState(false);
  const typeRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'n' || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      typeRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const save = useMutation({
    mutationFn: () =>
      logNote(personId, {
        type,
        text,
        confidentiality,
        attendees,
        ...(duration.trim() ? { durationMinutes: Number(duration) } : {}),
        ...(occurredAt ? { occurredAt: new Date(occurredAt).toISOString() } : {}),
        ...(type === 'accompaniment' && place ? { accompanimentPlace: place } : {}),
      }),
    onSuccess: () => {
      setText('');
      setDuration('');
      setOccurredAt('');
      setAttendees(['person']);
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: caseworkKeys.journal(personId) });
      // The file's last contact may have moved.
      void queryClient.invalidateQueries({ queryKey: peopleKeys.one(personId), exact: true });
    },
  });

  const submit = () => {
    setSaved(false);
    if (!text.trim()) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    save.mutate();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit();
  };
  const onTextKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="quick-entry-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="quick-entry-title">
            {t('journal.quickEntry.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('journal.quickEntry.hint')}
          </Text>
          <NativeSelect
            ref={typeRef}
            id={QUICK_ENTRY_TYPE_ID}
            maw={360}
            label={t('journal.fields.type')}
            value={type}
            onChange={(event) => setType(event.currentTarget.value as JournalEventType)}
            data={JOURNAL_EVENT_TYPES.map((value) => ({ value, label: t(`journal.types.${value}`) }))}
          />
          <Textarea
            label={t('journal.fields.text')}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={20000}
            value={text}
            error={empty ? t('journal.quickEntry.empty') : undefined}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setSaved(false);
            }}
            onKeyDown={onTextKey}
          />
          <Group align="flex-end" wrap="wrap" gap="sm">
            <NativeSelect
              label={t('journal.fields.confidentiality')}
              value={confidentiality}
              onChange={(event) => setConfidentiality(event.currentTarget.value as Confidentiality)}
              data={CONFIDENTIALITY_LEVELS.map((value) => ({ value, label: t(`journal.confidentiality.${value}`) }))}
            />
            <TextInput
              label={t('journal.fields.duration')}
              type="number"
              min={0}
              max={1440}
              w={140}
              value={duration}
              onChange={(event) => setDuration(event.currentTarget.value)}
            />
            <TextInput
              label={t('journal.fields.occurredAt')}
              description={t('journal.fields.occurredAtHint')}
              type="datetime-local"
              value={occurredAt}
              onChange={(event) => setOccurredAt(event.currentTarget.value)}
            />
            {type === 'accompaniment' && (
              <NativeSelect
                label={t('journal.fields.place')}
                value={place}
                onChange={(event) => setPlace(event.currentTarget.value as AccompanimentPlace | '')}
                data={[
                  { value: '', label: t('journal.fields.noPlace') },
                  ...ACCOMPANIMENT_PLACES.map((value) => ({ value, label: t(`journal.places.${value}`) })),
                ]}
              />
            )}
          </Group>
          <Checkbox.Group
            label={t('journal.fields.attendees')}
            value={attendees}
            onChange={(value) => setAttendees(value as Attendee[])}
          >
            <Group gap="md" mt={4} wrap="wrap">
              {ATTENDEES.map((value) => (
                <Checkbox key={value} value={value} label={t(`journal.attendees.${value}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          {save.isError && <ErrorAlert error={save.error} />}
          {saved && <SuccessNotice>{t('journal.quickEntry.saved')}</SuccessNotice>}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('journal.quickEntry.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ConfidentialityLabel({ level }: { level: Confidentiality }) {
  const { t } = useTranslation();
  return (
    <StateLabel tone={level === 'team' ? 'neutral' : 'warning'}>{t(`journal.confidentiality.${level}`)}</StateLabel>
  );
}

function VersionsDialog({ event, onClose }: { event: JournalEventView; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const versions = useQuery({
    queryKey: caseworkKeys.versions(event.id),
    queryFn: ({ signal }) => fetchNoteVersions(event.id, signal),
  });
  return (
    <Dialog opened onClose={onClose} title={t('journal.history.title')} size="lg">
      {versions.isPending ? (
        <ListSkeleton label={t('journal.history.loading')} rows={2} />
      ) : versions.isError ? (
        <LoadError error={versions.error} onRetry={() => void versions.refetch()} retrying={versions.isFetching} />
      ) : (
        <Stack component="ol" gap="sm" className="plain-list">
          {versions.data.map((v) => (
            <Paper component="li" key={v.version} withBorder p="sm">
              <Text fw={700}>
                {t('journal.history.version', {
                  version: v.version,
                  when: formatDateTime(v.recordedAt, i18n.language),
                })}
              </Text>
              <Text size="sm">
                {t(`journal.types.${v.type}`)} · {t(`journal.confidentiality.${v.confidentiality}`)}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{v.text}</Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Dialog>
  );
}

function Entry({ event, personId }: { event: JournalEventView; personId: string }) {
  const { t, i18n } = useTranslation();
  const me = useSession().data?.me;
  const queryClient = useQueryClient();
  const mine = event.authorId === me?.id;
  const [editing, setEditing] = useState<{ text: string; confidentiality: Confidentiality } | null>(null);
  const [history, setHistory] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: caseworkKeys.journal(personId) });
  const save = useMutation({
    mutationFn: (change: { text: string; confidentiality: Confidentiality }) =>
      editNote(event.id, { ...change, version: event.version }),
    onSuccess: async () => {
      setEditing(null);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteNote(event.id),
    onSuccess: async () => {
      setDeleting(false);
      await refresh();
    },
  });
  const typeLabel = t(`journal.types.${event.type}`);
  return (
    <Paper component="li" withBorder p="md">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={700}>
            {typeLabel}
            {event.accompanimentPlace ? ` · ${t(`journal.places.${event.accompanimentPlace}`)}` : ''}
          </Text>
          <Text size="sm">{formatDateTime(event.occurredAt, i18n.language)}</Text>
        </Group>
        <Group gap="md" wrap="wrap">
          <ConfidentialityLabel level={event.confidentiality} />
          {event.durationMinutes !== null && (
            <Text size="sm">{t('journal.minutes', { count: event.durationMinutes })}</Text>
          )}
          <Text size="sm">{mine ? t('journal.byYou') : t('journal.byColleague')}</Text>
          {event.attendees.length > 0 && (
            <Text size="sm">
              {t('journal.present', { list: event.attendees.map((a) => t(`journal.attendees.${a}`)).join(', ') })}
            </Text>
          )}
          {event.edited && <Text size="sm">{t('journal.edited')}</Text>}
        </Group>
        {editing ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (editing.text.trim()) save.mutate(editing);
            }}
          >
            <Stack gap="sm">
              <Textarea
                label={t('journal.fields.text')}
                autosize
                minRows={3}
                value={editing.text}
                onChange={(e) => setEditing({ ...editing, text: e.currentTarget.value })}
              />
              <NativeSelect
                label={t('journal.fields.confidentiality')}
                value={editing.confidentiality}
                onChange={(e) => setEditing({ ...editing, confidentiality: e.currentTarget.value as Confidentiality })}
                data={CONFIDENTIALITY_LEVELS.map((value) => ({
                  value,
                  label: t(`journal.confidentiality.${value}`),
                }))}
              />
              {isVersionConflict(save.error) ? (
                <ConflictAlert
                  onReload={() => {
                    save.reset();
                    setEditing(null);
                    void refresh();
                  }}
                />
              ) : (
                save.isError && <ErrorAlert error={save.error} />
              )}
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('journal.saveEdit')}
                </Button>
                <Button variant="default" onClick={() => setEditing(null)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Text style={{ whiteSpace: 'pre-wrap' }}>{event.text}</Text>
        )}
        <Group gap="xs">
          {event.edited && (
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => setHistory(true)}
              aria-label={t('journal.historyOf', { type: typeLabel })}
            >
              {t('journal.history.open')}
            </Button>
          )}
          {mine && !editing && (
            <>
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => setEditing({ text: event.text, confidentiality: event.confidentiality })}
                aria-label={t('journal.editOf', { type: typeLabel })}
              >
                {t('journal.edit')}
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                color="red"
                onClick={() => setDeleting(true)}
                aria-label={t('journal.deleteOf', { type: typeLabel })}
              >
                {t('journal.delete')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
      {history && <VersionsDialog event={event} onClose={() => setHistory(false)} />}
      <ConfirmDialog
        opened={deleting}
        title={t('journal.deleteTitle')}
        confirmLabel={t('journal.delete')}
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      >
        <Text>{t('journal.deleteBody')}</Text>
      </ConfirmDialog>
    </Paper>
  );
}

/** The file's timeline: newest first, filtered by type, loaded a page at a time. */
export function Timeline({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const [type, setType] = useState<JournalEventType | ''>('');
  const journal = useInfiniteQuery({
    queryKey: [...caseworkKeys.journal(personId), type],
    queryFn: ({ pageParam, signal }) => fetchJournal(personId, { page: pageParam, pageSize: PAGE_SIZE, type }, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const items = journal.data?.pages.flatMap((p) => p.items) ?? [];
  const total = journal.data?.pages[0]?.total ?? 0;
  return (
    <Stack gap="sm" component="section" aria-labelledby="timeline-title">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2} size="h3" id="timeline-title">
          {t('journal.title')}
        </Title>
        <NativeSelect
          label={t('journal.filter')}
          value={type}
          onChange={(event) => setType(event.currentTarget.value as JournalEventType | '')}
          data={[
            { value: '', label: t('journal.allTypes') },
            ...JOURNAL_EVENT_TYPES.map((value) => ({ value, label: t(`journal.types.${value}`) })),
          ]}
        />
      </Group>
      {journal.isPending ? (
        <ListSkeleton label={t('journal.loading')} rows={3} />
      ) : journal.isError ? (
        <LoadError error={journal.error} onRetry={() => void journal.refetch()} retrying={journal.isFetching} />
      ) : items.length === 0 ? (
        <EmptyState>{type ? t('journal.emptyFiltered') : t('journal.empty')}</EmptyState>
      ) : (
        <>
          <Text size="sm" role="status">
            {t('journal.shown', { shown: items.length, total })}
          </Text>
          <Stack component="ol" gap="sm" className="plain-list" aria-label={t('journal.title')}>
            {items.map((event) => (
              <Entry key={event.id} event={event} personId={personId} />
            ))}
          </Stack>
          {journal.hasNextPage && (
            <Group>
              <Button
                variant="default"
                onClick={() => void journal.fetchNextPage()}
                loading={journal.isFetchingNextPage}
              >
                {t('journal.more')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
