import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Dialog } from '../../components/Dialog';
import type { SiteView, TeamView } from '@app/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminKeys, createSite, createTeam, updateSite, updateTeam } from '../../api/admin';
import { isApiError } from '../../api/client';
import { isVersionConflict } from '../../api/errors';
import {
  checkName,
  checkSite,
  checkTeam,
  NAME_MAX,
  normaliseDepartement,
  normaliseSiteCode,
  isDepartement,
  type NameProblem,
} from '../../admin/organisation';
import { ConflictAlert } from '../../components/ConflictAlert';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ErrorAlert, SuccessNotice, useErrorText } from '../../components/ErrorAlert';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { localeOf } from '../../format/format';
import { useSites, useTeams } from './useOrganisation';

function useNameError(): (problem: NameProblem | undefined) => string | undefined {
  const { t } = useTranslation();
  return (problem) =>
    problem === 'required'
      ? t('organisation.nameRequired')
      : problem
        ? t('organisation.nameTooLong', { max: NAME_MAX })
        : undefined;
}

export function TeamsAndSitesPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="xl" maw={1000}>
      <Stack gap="sm">
        <Title order={1}>{t('nav.teamsAndSites')}</Title>
        <Text maw={720}>{t('organisation.intro')}</Text>
      </Stack>
      <SitesSection />
      <TeamsSection />
    </Stack>
  );
}

function SitesSection() {
  const { t, i18n } = useTranslation();
  const sites = useSites();
  const [editing, setEditing] = useState<SiteView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const columns: DataColumn<SiteView>[] = [
    { key: 'name', header: t('sites.columns.name'), cell: (site) => <Text fw={600}>{site.name}</Text> },
    { key: 'code', header: t('sites.columns.code'), cell: (site) => <Text ff="monospace">{site.code}</Text> },
    { key: 'departement', header: t('sites.columns.departement'), cell: (site) => <Text>{site.departement}</Text> },
    {
      key: 'actions',
      header: t('organisation.actions'),
      cell: (site) => (
        <Button
          variant="default"
          size="compact-md"
          aria-label={t('sites.editNamed', { name: site.name })}
          onClick={() => {
            setNotice(null);
            setEditing(site);
          }}
        >
          {t('sites.edit')}
        </Button>
      ),
    },
  ];

  const sorted = [...(sites.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, localeOf(i18n.language)));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sites-heading">
      <Stack gap="md">
        <Title order={2} id="sites-heading">
          {t('sites.heading')}
        </Title>
        {notice && <SuccessNotice>{notice}</SuccessNotice>}
        {sites.isPending ? (
          <ListSkeleton label={t('sites.loading')} rows={2} />
        ) : sites.isError ? (
          <LoadError error={sites.error} onRetry={() => void sites.refetch()} retrying={sites.isFetching} />
        ) : sorted.length === 0 ? (
          <EmptyState>{t('sites.empty')}</EmptyState>
        ) : (
          <DataTable label={t('sites.tableLabel')} columns={columns} rows={sorted} rowKey={(site) => site.id} />
        )}
        <CreateSiteForm onCreated={(site) => setNotice(t('sites.created', { name: site.name }))} />
      </Stack>
      {editing && (
        <EditSiteDialog
          site={editing}
          onClose={() => setEditing(null)}
          onSaved={(site) => {
            setEditing(null);
            setNotice(t('sites.updated', { name: site.name }));
          }}
        />
      )}
    </Paper>
  );
}

function CreateSiteForm({ onCreated }: { onCreated: (site: SiteView) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const nameError = useNameError();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ name: '', code: '', departement: '' });
  const [errors, setErrors] = useState<{ name?: string; code?: string; departement?: string }>({});
  const nameRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const departementRef = useRef<HTMLInputElement>(null);

  const create = useMutation({
    mutationFn: createSite,
    onSuccess: async (site) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.sites() });
      setDraft({ name: '', code: '', departement: '' });
      onCreated(site);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'SITE_CODE_TAKEN') {
        setErrors({ code: errorText(error) });
        codeRef.current?.focus();
      }
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkSite(draft);
    const next = {
      name: nameError(problems.name),
      code: problems.code ? t('sites.codeInvalid') : undefined,
      departement: problems.departement ? t('sites.departementInvalid') : undefined,
    };
    setErrors(next);
    const first = next.name ? nameRef : next.code ? codeRef : next.departement ? departementRef : null;
    if (first) {
      first.current?.focus();
      return;
    }
    create.mutate({
      name: draft.name.trim(),
      code: normaliseSiteCode(draft.code),
      departement: normaliseDepartement(draft.departement),
    });
  };

  const codeTaken = isApiError(create.error) && create.error.code === 'SITE_CODE_TAKEN';
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="create-site-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="create-site-heading">
          {t('sites.create.heading')}
        </Title>
        {create.isError && !codeTaken && <ErrorAlert error={create.error} />}
        <Group gap="md" align="flex-start" wrap="wrap">
          <TextInput
            ref={nameRef}
            label={t('sites.name')}
            required
            withAsterisk={false}
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
            error={errors.name}
            w={{ base: '100%', sm: 260 }}
          />
          <TextInput
            ref={codeRef}
            label={t('sites.code')}
            description={t('sites.codeHint')}
            required
            withAsterisk={false}
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={8}
            value={draft.code}
            onChange={(event) => setDraft({ ...draft, code: event.currentTarget.value })}
            error={errors.code}
            w={{ base: '100%', sm: 260 }}
          />
          <TextInput
            ref={departementRef}
            label={t('sites.departement')}
            description={t('sites.departementHint')}
            required
            withAsterisk={false}
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={3}
            value={draft.departement}
            onChange={(event) => setDraft({ ...draft, departement: event.currentTarget.value })}
            error={errors.departement}
            w={{ base: '100%', sm: 260 }}
          />
        </Group>
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('sites.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditSiteDialog({
  site,
  onClose,
  onSaved,
}: {
  site: SiteView;
  onClose: () => void;
  onSaved: (site: SiteView) => void;
}) {
  const { t } = useTranslation();
  const nameError = useNameError();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ name: site.name, departement: site.departement, version: site.version });
  const [errors, setErrors] = useState<{ name?: string; departement?: string }>({});
  // The site as it is now on the server, read after a conflict.
  const current = queryClient.getQueryData<SiteView[]>(adminKeys.sites())?.find((item) => item.id === site.id) ?? site;

  const save = useMutation({
    mutationFn: (change: { name: string; departement: string; version: number }) => updateSite(site.id, change),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.sites() });
      onSaved(saved);
    },
    onError: async (error) => {
      if (isVersionConflict(error)) await queryClient.refetchQueries({ queryKey: adminKeys.sites() });
    },
  });

  const submit = (version: number) => {
    const departement = normaliseDepartement(draft.departement);
    const next = {
      name: nameError(checkName(draft.name)),
      departement: isDepartement(departement) ? undefined : t('sites.departementInvalid'),
    };
    setErrors(next);
    if (next.name || next.departement) return;
    save.mutate({ name: draft.name.trim(), departement, version });
  };

  const conflict = isVersionConflict(save.error);
  return (
    <Dialog opened onClose={onClose} title={t('sites.editTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit(draft.version);
        }}
        noValidate
      >
        <Stack gap="md">
          <Text size="sm">{t('sites.editCode', { code: site.code })}</Text>
          <TextInput
            label={t('sites.name')}
            required
            withAsterisk={false}
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
            error={errors.name}
            data-autofocus
          />
          <TextInput
            label={t('sites.departement')}
            description={t('sites.departementHint')}
            required
            withAsterisk={false}
            maxLength={3}
            value={draft.departement}
            onChange={(event) => setDraft({ ...draft, departement: event.currentTarget.value })}
            error={errors.departement}
          />
          {conflict ? (
            <ConflictAlert
              mine={`${draft.name.trim()} (${normaliseDepartement(draft.departement)})`}
              theirs={`${current.name} (${current.departement})`}
              onReload={() => {
                setDraft({ name: current.name, departement: current.departement, version: current.version });
                save.reset();
              }}
              onKeepMine={() => {
                setDraft({ ...draft, version: current.version });
                submit(current.version);
              }}
              keeping={save.isPending}
            />
          ) : (
            save.isError && <ErrorAlert error={save.error} />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending && !conflict}>
              {t('sites.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

function TeamsSection() {
  const { t, i18n } = useTranslation();
  const sites = useSites();
  const teams = useTeams();
  const [renaming, setRenaming] = useState<TeamView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const siteName = (id: string) => sites.data?.find((site) => site.id === id)?.name ?? '';
  const locale = localeOf(i18n.language);
  const sorted = [...(teams.data ?? [])].sort(
    (a, b) => siteName(a.siteId).localeCompare(siteName(b.siteId), locale) || a.name.localeCompare(b.name, locale),
  );
  const columns: DataColumn<TeamView>[] = [
    { key: 'name', header: t('teams.columns.name'), cell: (team) => <Text fw={600}>{team.name}</Text> },
    { key: 'site', header: t('teams.columns.site'), cell: (team) => <Text>{siteName(team.siteId)}</Text> },
    {
      key: 'actions',
      header: t('organisation.actions'),
      cell: (team) => (
        <Button
          variant="default"
          size="compact-md"
          aria-label={t('teams.renameNamed', { name: team.name })}
          onClick={() => {
            setNotice(null);
            setRenaming(team);
          }}
        >
          {t('teams.rename')}
        </Button>
      ),
    },
  ];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="teams-heading">
      <Stack gap="md">
        <Title order={2} id="teams-heading">
          {t('teams.heading')}
        </Title>
        {notice && <SuccessNotice>{notice}</SuccessNotice>}
        {teams.isPending || sites.isPending ? (
          <ListSkeleton label={t('teams.loading')} rows={2} />
        ) : teams.isError || sites.isError ? (
          <LoadError
            error={teams.error ?? sites.error}
            onRetry={() => {
              void teams.refetch();
              void sites.refetch();
            }}
            retrying={teams.isFetching || sites.isFetching}
          />
        ) : (
          <>
            {sorted.length === 0 ? (
              <EmptyState>{t(sites.data.length === 0 ? 'teams.needSite' : 'teams.empty')}</EmptyState>
            ) : (
              <DataTable label={t('teams.tableLabel')} columns={columns} rows={sorted} rowKey={(team) => team.id} />
            )}
            {sites.data.length > 0 && (
              <CreateTeamForm
                sites={sites.data}
                onCreated={(team) => setNotice(t('teams.created', { name: team.name }))}
              />
            )}
          </>
        )}
      </Stack>
      {renaming && (
        <RenameTeamDialog
          team={renaming}
          onClose={() => setRenaming(null)}
          onSaved={(team) => {
            setRenaming(null);
            setNotice(t('teams.renamed', { name: team.name }));
          }}
        />
      )}
    </Paper>
  );
}

function CreateTeamForm({ sites, onCreated }: { sites: readonly SiteView[]; onCreated: (team: TeamView) => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const nameError = useNameError();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ name: '', siteId: sites.length === 1 ? (sites[0]?.id ?? '') : '' });
  const [errors, setErrors] = useState<{ name?: string; siteId?: string }>({});
  const nameRef = useRef<HTMLInputElement>(null);
  const siteRef = useRef<HTMLSelectElement>(null);

  const create = useMutation({
    mutationFn: createTeam,
    onSuccess: async (team) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.teams() });
      setDraft({ ...draft, name: '' });
      onCreated(team);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'TEAM_NAME_TAKEN') {
        setErrors({ name: errorText(error) });
        nameRef.current?.focus();
      }
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkTeam(draft);
    const next = { name: nameError(problems.name), siteId: problems.siteId ? t('teams.siteRequired') : undefined };
    setErrors(next);
    if (next.name || next.siteId) {
      (next.name ? nameRef : siteRef).current?.focus();
      return;
    }
    create.mutate({ name: draft.name.trim(), siteId: draft.siteId });
  };

  const nameTaken = isApiError(create.error) && create.error.code === 'TEAM_NAME_TAKEN';
  const locale = localeOf(i18n.language);
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="create-team-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="create-team-heading">
          {t('teams.create.heading')}
        </Title>
        {create.isError && !nameTaken && <ErrorAlert error={create.error} />}
        <Group gap="md" align="flex-start" wrap="wrap">
          <TextInput
            ref={nameRef}
            label={t('teams.name')}
            required
            withAsterisk={false}
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
            error={errors.name}
            w={{ base: '100%', sm: 260 }}
          />
          <NativeSelect
            ref={siteRef}
            label={t('teams.site')}
            required
            withAsterisk={false}
            value={draft.siteId}
            onChange={(event) => setDraft({ ...draft, siteId: event.currentTarget.value })}
            error={errors.siteId}
            w={{ base: '100%', sm: 260 }}
            data={[
              { value: '', label: t('teams.sitePlaceholder') },
              ...[...sites]
                .sort((a, b) => a.name.localeCompare(b.name, locale))
                .map((site) => ({ value: site.id, label: site.name })),
            ]}
          />
        </Group>
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('teams.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RenameTeamDialog({
  team,
  onClose,
  onSaved,
}: {
  team: TeamView;
  onClose: () => void;
  onSaved: (team: TeamView) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const nameError = useNameError();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ name: team.name, version: team.version });
  const [error, setError] = useState<string>();
  const current = queryClient.getQueryData<TeamView[]>(adminKeys.teams())?.find((item) => item.id === team.id) ?? team;

  const save = useMutation({
    mutationFn: (change: { name: string; version: number }) => updateTeam(team.id, change),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.teams() });
      onSaved(saved);
    },
    onError: async (failure) => {
      if (isVersionConflict(failure)) await queryClient.refetchQueries({ queryKey: adminKeys.teams() });
      else if (isApiError(failure) && failure.code === 'TEAM_NAME_TAKEN') setError(errorText(failure));
    },
  });

  const submit = (version: number) => {
    const problem = nameError(checkName(draft.name));
    setError(problem);
    if (problem) return;
    save.mutate({ name: draft.name.trim(), version });
  };

  const conflict = isVersionConflict(save.error);
  const nameTaken = isApiError(save.error) && save.error.code === 'TEAM_NAME_TAKEN';
  return (
    <Dialog opened onClose={onClose} title={t('teams.renameTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit(draft.version);
        }}
        noValidate
      >
        <Stack gap="md">
          <TextInput
            label={t('teams.name')}
            required
            withAsterisk={false}
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
            error={error}
            data-autofocus
          />
          {conflict ? (
            <ConflictAlert
              mine={draft.name.trim()}
              theirs={current.name}
              onReload={() => {
                setDraft({ name: current.name, version: current.version });
                save.reset();
              }}
              onKeepMine={() => {
                setDraft({ ...draft, version: current.version });
                submit(current.version);
              }}
              keeping={save.isPending}
            />
          ) : (
            save.isError && !nameTaken && <ErrorAlert error={save.error} />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending && !conflict}>
              {t('teams.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
