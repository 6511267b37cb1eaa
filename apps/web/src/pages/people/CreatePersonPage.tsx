import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { createPerson, peopleKeys } from '../../api/people';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconAlertTriangle, IconArrowLeft } from '../../components/icons';
import {
  checkDraft,
  duplicateFileNumbers,
  emptyDraft,
  normalizeDraft,
  personPath,
  sameDraft,
  type FieldProblem,
  type FormDraft,
} from './person';
import { PersonFields } from './shared';
import { UnsavedGuard } from './UnsavedGuard';

export function CreatePersonPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<FormDraft>(emptyDraft);
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const [created, setCreated] = useState(false);

  const create = useMutation({
    mutationFn: (acknowledgeDuplicates: boolean) =>
      createPerson({ ...normalizeDraft(draft), ...(acknowledgeDuplicates ? { acknowledgeDuplicates: true } : {}) }),
    onSuccess: (file) => {
      void queryClient.invalidateQueries({ queryKey: peopleKeys.lists() });
      queryClient.setQueryData(peopleKeys.one(file.id), file);
      // The guard must see the form as saved before leaving, hence the synchronous render.
      flushSync(() => setCreated(true));
      void navigate(personPath(file.id));
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkDraft(normalizeDraft(draft));
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(false);
  };

  const duplicates =
    isApiError(create.error) && create.error.code === 'DUPLICATE_SUSPECTED'
      ? duplicateFileNumbers(create.error.details)
      : null;

  return (
    <Stack gap="lg" maw={880}>
      <UnsavedGuard dirty={!created && !sameDraft(draft, emptyDraft())} />
      <Anchor component={Link} to="/caseload">
        <Group gap={4} component="span" wrap="nowrap" style={{ display: 'inline-flex' }}>
          <IconArrowLeft size={16} />
          {t('person.back')}
        </Group>
      </Anchor>
      <Title order={1}>{t('createPerson.title')}</Title>
      <Text maw={720}>{t('createPerson.intro')}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg" align="flex-start">
          <Title order={2} size="h3">
            {t('person.tabs.identity')}
          </Title>
          <PersonFields draft={draft} onChange={setDraft} problems={problems} parts={['identity']} withStatus />
          <Title order={2} size="h3">
            {t('person.tabs.safeContact')}
          </Title>
          <PersonFields draft={draft} onChange={setDraft} problems={problems} parts={['safeContact']} />
          <Title order={2} size="h3">
            {t('person.tabs.attributes')}
          </Title>
          <PersonFields draft={draft} onChange={setDraft} problems={problems} parts={['attributes']} />
          {Object.keys(problems).length > 0 && <ErrorAlert message={t('person.fixProblems')} />}
          {duplicates ? (
            <Alert color="orange" variant="outline" icon={<IconAlertTriangle />} role="alert">
              <Stack gap="sm" align="flex-start">
                <Text inherit>{t('createPerson.duplicate', { fileNumbers: duplicates.join(', ') })}</Text>
                <Button variant="default" onClick={() => create.mutate(true)} loading={create.isPending}>
                  {t('createPerson.createAnyway')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            create.isError && <ErrorAlert error={create.error} />
          )}
          <Button type="submit" loading={create.isPending && !duplicates}>
            {t('createPerson.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
