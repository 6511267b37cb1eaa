import { Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentView } from '@app/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  documentKeys,
  deleteDocument,
  documentContentUrl,
  fetchDocuments,
  updateDocument,
  uploadDocument,
} from '../../api/documents';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert, SuccessNotice } from '../../components/ErrorAlert';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { StateLabel } from '../../components/StateLabel';
import { formatDateTime } from '../../format/format';
import { expiryTone, formatBytes, previewKind, uploadProblems, type UploadProblem } from './documents';

function formatDay(day: string | null, language: string): string {
  if (!day) return '—';
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(language.startsWith('en') ? 'en-GB' : 'fr-FR', { dateStyle: 'medium' }).format(
    new Date(Date.UTC(y, m - 1, d, 12)),
  );
}

export { formatDay };

/** The documents tab of a file: drop or choose a file, its kind and dates; list, preview, delete. */
export function DocumentsTab({ personId, canWrite }: { personId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const documents = useQuery({
    queryKey: documentKeys.documents(personId),
    queryFn: ({ signal }) => fetchDocuments(personId, signal),
  });
  const [preview, setPreview] = useState<DocumentView | null>(null);
  const [deleting, setDeleting] = useState<DocumentView | null>(null);
  const [editing, setEditing] = useState<DocumentView | null>(null);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (doc: DocumentView) => deleteDocument(personId, doc.id),
    onSuccess: () => {
      setDeleting(null);
      setPreview(null);
      void queryClient.invalidateQueries({ queryKey: documentKeys.documents(personId) });
    },
  });

  return (
    <Stack gap="md" pt="md">
      {canWrite && <UploadForm personId={personId} />}
      {documents.isPending ? (
        <ListSkeleton label={t('documents.loading')} rows={2} />
      ) : documents.isError ? (
        <LoadError error={documents.error} onRetry={() => void documents.refetch()} retrying={documents.isFetching} />
      ) : documents.data.length === 0 ? (
        <EmptyState>{t('documents.empty')}</EmptyState>
      ) : (
        <Table aria-label={t('documents.list')} withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('documents.kind')}</Table.Th>
              <Table.Th scope="col">{t('documents.file')}</Table.Th>
              <Table.Th scope="col">{t('documents.issuedOn')}</Table.Th>
              <Table.Th scope="col">{t('documents.expiresOn')}</Table.Th>
              <Table.Th scope="col">{t('documents.uploadedAt')}</Table.Th>
              <Table.Th scope="col">{t('documents.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {documents.data.map((doc) => (
              <Table.Tr key={doc.id}>
                <Table.Td>{t(`documents.kinds.${doc.kind}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {doc.fileName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatBytes(doc.sizeBytes, i18n.language)}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDay(doc.issuedOn, i18n.language)}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm">{formatDay(doc.expiresOn, i18n.language)}</Text>
                    {doc.expiry !== 'none' && (
                      <StateLabel tone={expiryTone(doc.expiry)}>{t(`documents.expiry.${doc.expiry}`)}</StateLabel>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>{formatDateTime(doc.uploadedAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {previewKind(doc) && (
                      <Button size="xs" variant="light" onClick={() => setPreview(doc)}>
                        {t('documents.preview')}
                      </Button>
                    )}
                    <Button
                      size="xs"
                      variant="default"
                      component="a"
                      href={documentContentUrl(personId, doc.id)}
                      download
                      aria-label={t('documents.downloadNamed', { name: doc.fileName })}
                    >
                      {t('documents.download')}
                    </Button>
                    {canWrite && (
                      <Button size="xs" variant="default" onClick={() => setEditing(doc)}>
                        {t('documents.edit')}
                      </Button>
                    )}
                    {canWrite && (
                      <Button size="xs" variant="default" onClick={() => setDeleting(doc)}>
                        {t('documents.delete')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <EditDocument key={editing.id} personId={personId} document={editing} onDone={() => setEditing(null)} />
      )}
      {preview && <Preview personId={personId} document={preview} onClose={() => setPreview(null)} />}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('documents.deleteTitle')}
        confirmLabel={t('documents.delete')}
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        <Text>{t('documents.deleteBody')}</Text>
      </ConfirmDialog>
    </Stack>
  );
}

function EditDocument({
  personId,
  document,
  onDone,
}: {
  personId: string;
  document: DocumentView;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<DocumentKind>(document.kind);
  const [issuedOn, setIssuedOn] = useState(document.issuedOn ?? '');
  const [expiresOn, setExpiresOn] = useState(document.expiresOn ?? '');
  const save = useMutation({
    mutationFn: () =>
      updateDocument(personId, document.id, {
        kind,
        issuedOn: issuedOn || null,
        expiresOn: expiresOn || null,
        version: document.version,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: documentKeys.documents(personId) });
      onDone();
    },
  });
  return (
    <Paper withBorder p="md" role="region" aria-label={t('documents.editOf', { name: document.fileName })}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('documents.editOf', { name: document.fileName })}
          </Title>
          <Group gap="md" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('documents.kind')}
              value={kind}
              data={DOCUMENT_KINDS.map((value) => ({ value, label: t(`documents.kinds.${value}`) }))}
              onChange={(event) => setKind(event.currentTarget.value as DocumentKind)}
            />
            <TextInput
              type="date"
              label={t('documents.issuedOn')}
              value={issuedOn}
              onChange={(event) => setIssuedOn(event.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('documents.expiresOn')}
              value={expiresOn}
              onChange={(event) => setExpiresOn(event.currentTarget.value)}
            />
          </Group>
          {save.isError && <ErrorAlert error={save.error} />}
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {t('documents.save')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Preview({ personId, document, onClose }: { personId: string; document: DocumentView; onClose: () => void }) {
  const { t } = useTranslation();
  const kind = previewKind(document);
  const url = documentContentUrl(personId, document.id, true);
  return (
    <Paper withBorder p="md" role="region" aria-label={t('documents.previewOf', { name: document.fileName })}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('documents.previewOf', { name: document.fileName })}
          </Title>
          <Button variant="default" size="xs" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
        {kind === 'image' ? (
          <img
            src={url}
            alt={t('documents.previewAlt', { kind: t(`documents.kinds.${document.kind}`) })}
            style={{ maxWidth: '100%', maxHeight: 480, objectFit: 'contain' }}
          />
        ) : (
          <iframe
            src={url}
            title={t('documents.previewOf', { name: document.fileName })}
            style={{ width: '100%', height: 480, border: 0 }}
          />
        )}
      </Stack>
    </Paper>
  );
}

function UploadForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<DocumentKind>('identity');
  const [issuedOn, setIssuedOn] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [dragging, setDragging] = useState(false);
  const [problems, setProblems] = useState<UploadProblem[]>([]);
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadDocument(personId, { kind, issuedOn, expiresOn, file: chosen }),
    onSuccess: () => {
      setFile(null);
      setIssuedOn('');
      setExpiresOn('');
      if (input.current) input.current.value = '';
      void queryClient.invalidateQueries({ queryKey: documentKeys.documents(personId) });
    },
  });
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) {
      setFile(dropped);
      upload.reset();
    }
  };
  const problemText: Record<UploadProblem, string> = {
    noFile: t('documents.problems.noFile'),
    tooLarge: t('documents.problems.tooLarge'),
    datesInverted: t('documents.problems.datesInverted'),
  };
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const found = uploadProblems({ file, issuedOn, expiresOn });
          setProblems(found);
          if (found.length === 0 && file) upload.mutate(file);
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('documents.add')}
          </Title>
          <div
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="document-dropzone"
            style={{
              border: `2px dashed ${dragging ? 'var(--mantine-color-blue-7)' : 'var(--mantine-color-gray-6)'}`,
              borderRadius: 8,
              padding: 16,
            }}
          >
            <Stack gap={6}>
              <Text>{t('documents.dropHint')}</Text>
              <label htmlFor={inputId}>
                <Text span fw={600}>
                  {t('documents.choose')}
                </Text>
              </label>
              <input
                id={inputId}
                ref={input}
                type="file"
                accept=".pdf,.jpg,.jpeg,.png,.heic,.heif,.doc,.docx,.xls,.xlsx,.odt,.ods,application/pdf,image/*"
                onChange={(event) => {
                  setFile(event.currentTarget.files?.[0] ?? null);
                  upload.reset();
                }}
              />
              <Text size="sm" aria-live="polite">
                {file ? t('documents.chosen', { name: file.name }) : t('documents.noneChosen')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('documents.accepted')}
              </Text>
            </Stack>
          </div>
          <Group gap="md" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('documents.kind')}
              value={kind}
              data={DOCUMENT_KINDS.map((value) => ({ value, label: t(`documents.kinds.${value}`) }))}
              onChange={(event) => setKind(event.currentTarget.value as DocumentKind)}
            />
            <TextInput
              type="date"
              label={t('documents.issuedOn')}
              value={issuedOn}
              onChange={(event) => setIssuedOn(event.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('documents.expiresOn')}
              value={expiresOn}
              onChange={(event) => setExpiresOn(event.currentTarget.value)}
            />
          </Group>
          {problems.length > 0 && <ErrorAlert message={problems.map((p) => problemText[p]).join(' ')} />}
          {upload.isError && <ErrorAlert error={upload.error} />}
          {upload.isSuccess && <SuccessNotice>{t('documents.uploaded')}</SuccessNotice>}
          <Group>
            <Button type="submit" loading={upload.isPending}>
              {t('documents.upload')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
