import { Anchor, Button, Group, Paper, Skeleton, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import type { Role, UserSummary } from '@app/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  adminKeys,
  disableUser,
  enableUser,
  fetchUser,
  issueResetLink,
  resetUserMfa,
  setUserRoles,
  setUserSites,
  setUserTeam,
  updateUser,
  type ResetLinkResult,
} from '../../api/admin';
import { isApiError } from '../../api/client';
import { isVersionConflict } from '../../api/errors';
import { checkDisplayName, DISPLAY_NAME_MAX, isAssignableRole, sameMembers } from '../../admin/users';
import { useSession } from '../../auth/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictAlert } from '../../components/ConflictAlert';
import { ErrorAlert, NoticeAlert, SuccessNotice } from '../../components/ErrorAlert';
import { IconArrowLeft } from '../../components/icons';
import { LinkHandover } from '../../components/LinkHandover';
import { LoadError } from '../../components/ListStates';
import { useRoleLabel } from '../../components/roles';
import { TEAMS_AND_SITES_PATH, USERS_PATH } from './paths';
import { RoleCheckboxes, SiteCheckboxes } from './RoleCheckboxes';
import { TeamSelect } from './TeamSelect';
import { useSites, useTeams } from './useOrganisation';
import { MfaState, StatusState } from './UserStates';

/** What a section says after its action: done (in words), or nothing to do. */
type SectionNotice = { kind: 'done' | 'unchanged'; text: string } | null;

function Notice({ notice }: { notice: SectionNotice }) {
  if (!notice) return null;
  return notice.kind === 'done' ? (
    <SuccessNotice>{notice.text}</SuccessNotice>
  ) : (
    <NoticeAlert>{notice.text}</NoticeAlert>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

interface SectionProps {
  readonly user: UserSummary;
  /** The signed-in admin's own account: the confirmations say their own session ends too. */
  readonly isSelf: boolean;
  readonly onUpdated: (user: UserSummary) => void;
}

/** The sentence every confirmation that ends the user's sessions carries. */
function useSessionsEndText(user: UserSummary, isSelf: boolean): string {
  const { t } = useTranslation();
  return isSelf ? t('user.sessionsEndSelf') : t('user.sessionsEnd', { name: user.displayName });
}

export function UserPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const me = useSession().data?.me;
  const user = useQuery({ queryKey: adminKeys.user(id), queryFn: ({ signal }) => fetchUser(id, signal) });

  const onUpdated = (updated: UserSummary) => {
    queryClient.setQueryData(adminKeys.user(id), updated);
    void queryClient.invalidateQueries({ queryKey: adminKeys.userLists() });
  };

  const back = (
    <Anchor component={Link} to={USERS_PATH}>
      <Group gap={4} component="span" wrap="nowrap" style={{ display: 'inline-flex' }}>
        <IconArrowLeft size={16} />
        {t('user.back')}
      </Group>
    </Anchor>
  );

  if (user.isPending || user.isError) {
    const notFound = isApiError(user.error) && user.error.status === 404;
    return (
      <Stack gap="lg" maw={880}>
        {back}
        <Title order={1}>{t('user.titleLoading')}</Title>
        {user.isPending ? (
          <Stack gap="sm" aria-busy="true">
            <VisuallyHidden role="status">{t('user.loading')}</VisuallyHidden>
            <Skeleton height={24} width="50%" />
            <Skeleton height={160} />
            <Skeleton height={160} />
          </Stack>
        ) : notFound ? (
          <ErrorAlert message={t('user.notFound')} />
        ) : (
          <LoadError error={user.error} onRetry={() => void user.refetch()} retrying={user.isFetching} />
        )}
      </Stack>
    );
  }

  const props: SectionProps = { user: user.data, isSelf: me?.id === user.data.id, onUpdated };
  return (
    <Stack gap="lg" maw={880}>
      {back}
      <Stack gap="xs">
        <Title order={1}>{user.data.displayName}</Title>
        <Text className="id-text">{user.data.email}</Text>
        <Group gap="lg" wrap="wrap">
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{t('user.summary.status')}</Text>
            <StatusState status={user.data.status} />
          </Group>
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{t('user.summary.mfa')}</Text>
            <MfaState user={user.data} />
          </Group>
        </Group>
        {props.isSelf && <Text size="sm">{t('user.self')}</Text>}
      </Stack>
      <ProfileSection {...props} onReload={() => user.refetch()} />
      <RolesSection {...props} />
      <SitesSection {...props} />
      <TeamSection {...props} />
      <AccessSection {...props} />
    </Stack>
  );
}

function ProfileSection({ user, onUpdated, onReload }: SectionProps & { onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  // The name being typed and the version it was typed against; null while untouched. Sent with
  // the edit, that version lets the server refuse it (409) if someone else saved in between.
  const [draft, setDraft] = useState<{ displayName: string; version: number } | null>(null);
  const [fieldError, setFieldError] = useState<string>();
  const [notice, setNotice] = useState<SectionNotice>(null);

  const save = useMutation({
    mutationFn: (change: { displayName: string; version: number }) => updateUser(user.id, change),
    onSuccess: (updated) => {
      onUpdated(updated);
      setDraft(null);
      setNotice({ kind: 'done', text: t('user.profile.saved') });
    },
    // Read the current version before saying there is a conflict, so both can be shown.
    onError: async (error) => {
      if (isVersionConflict(error)) await onReload();
    },
  });

  const value = draft?.displayName ?? user.displayName;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = checkDisplayName(value);
    if (problem) {
      setFieldError(t(`invite.errors.displayName.${problem}`, { max: DISPLAY_NAME_MAX }));
      return;
    }
    setFieldError(undefined);
    if (!draft || draft.displayName.trim() === user.displayName) {
      setDraft(null);
      setNotice({ kind: 'unchanged', text: t('common.noChange') });
      return;
    }
    save.mutate({ displayName: draft.displayName.trim(), version: draft.version });
  };

  const conflict = isVersionConflict(save.error) && draft !== null;
  return (
    <Section id="user-profile" title={t('user.profile.heading')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md" align="flex-start">
          <TextInput
            label={t('user.profile.displayName')}
            description={t('invite.displayNameHint')}
            autoComplete="off"
            required
            withAsterisk={false}
            w="100%"
            maw={480}
            value={value}
            onChange={(event) => {
              setDraft({ displayName: event.currentTarget.value, version: draft?.version ?? user.version });
              setNotice(null);
            }}
            error={fieldError}
          />
          {conflict ? (
            <ConflictAlert
              mine={draft.displayName.trim()}
              theirs={user.displayName}
              onReload={() => {
                setDraft(null);
                save.reset();
              }}
              onKeepMine={() => {
                setDraft({ ...draft, version: user.version });
                save.mutate({ displayName: draft.displayName.trim(), version: user.version });
              }}
              keeping={save.isPending}
            />
          ) : (
            save.isError && <ErrorAlert error={save.error} />
          )}
          <Notice notice={notice} />
          <Button type="submit" loading={save.isPending && !conflict}>
            {t('user.profile.submit')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

function RolesSection({ user, isSelf, onUpdated }: SectionProps) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const sessionsEnd = useSessionsEndText(user, isSelf);
  const current = user.roles.filter(isAssignableRole);
  const [draft, setDraft] = useState<Role[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<SectionNotice>(null);
  const value = draft ?? current;

  const save = useMutation({
    mutationFn: (roles: Role[]) => setUserRoles(user.id, roles),
    onSuccess: (updated) => {
      onUpdated(updated);
      setDraft(null);
      setConfirming(false);
      setNotice({ kind: 'done', text: `${t('user.roles.saved')} ${t('user.sessionsEnded')}` });
    },
  });

  const onSave = () => {
    if (sameMembers(value, current)) {
      setDraft(null);
      setNotice({ kind: 'unchanged', text: t('common.noChange') });
      return;
    }
    save.reset();
    setConfirming(true);
  };

  return (
    <Section id="user-roles" title={t('user.roles.heading')}>
      <Text>{t('user.roles.intro')}</Text>
      <RoleCheckboxes
        label={t('user.roles.label')}
        value={value}
        onChange={(roles) => {
          setDraft(roles);
          setNotice(null);
        }}
      />
      <Notice notice={notice} />
      <Group>
        <Button onClick={onSave}>{t('user.roles.submit')}</Button>
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={t('user.roles.confirmTitle')}
        confirmLabel={t('user.roles.submit')}
        pending={save.isPending}
        error={save.error ?? undefined}
        onConfirm={() => save.mutate(value)}
        onClose={() => setConfirming(false)}
      >
        <Text>
          {value.length
            ? t('user.roles.confirmBody', { name: user.displayName, roles: value.map(roleLabel).join(', ') })
            : t('user.roles.confirmNone', { name: user.displayName })}
        </Text>
        <Text fw={600}>{sessionsEnd}</Text>
      </ConfirmDialog>
    </Section>
  );
}

function SitesSection({ user, isSelf, onUpdated }: SectionProps) {
  const { t } = useTranslation();
  const sites = useSites();
  const sessionsEnd = useSessionsEndText(user, isSelf);
  const [draft, setDraft] = useState<string[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<SectionNotice>(null);
  const value = draft ?? user.siteIds;

  const save = useMutation({
    mutationFn: (siteIds: string[]) => setUserSites(user.id, siteIds),
    onSuccess: (updated) => {
      onUpdated(updated);
      setDraft(null);
      setConfirming(false);
      setNotice({ kind: 'done', text: `${t('user.sites.saved')} ${t('user.sessionsEnded')}` });
    },
  });

  const onSave = () => {
    if (sameMembers(value, user.siteIds)) {
      setDraft(null);
      setNotice({ kind: 'unchanged', text: t('common.noChange') });
      return;
    }
    save.reset();
    setConfirming(true);
  };

  const names = (sites.data ?? []).filter((site) => value.includes(site.id)).map((site) => site.name);
  return (
    <Section id="user-sites" title={t('user.sites.heading')}>
      {sites.isPending ? (
        <Skeleton height={80} />
      ) : sites.isError ? (
        <LoadError error={sites.error} onRetry={() => void sites.refetch()} retrying={sites.isFetching} />
      ) : sites.data.length === 0 ? (
        <Text>
          {t('user.sites.none')}{' '}
          <Anchor component={Link} to={TEAMS_AND_SITES_PATH}>
            {t('user.sites.create')}
          </Anchor>
        </Text>
      ) : (
        <>
          <SiteCheckboxes
            label={t('user.sites.label')}
            description={t('user.sites.hint')}
            sites={sites.data}
            value={value}
            onChange={(siteIds) => {
              setDraft(siteIds);
              setNotice(null);
            }}
          />
          <Notice notice={notice} />
          <Group>
            <Button onClick={onSave}>{t('user.sites.submit')}</Button>
          </Group>
        </>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('user.sites.confirmTitle')}
        confirmLabel={t('user.sites.submit')}
        pending={save.isPending}
        error={save.error ?? undefined}
        onConfirm={() => save.mutate(value)}
        onClose={() => setConfirming(false)}
      >
        <Text>
          {t('user.sites.confirmBody', {
            name: user.displayName,
            sites: names.length ? names.join(', ') : t('user.sites.all'),
          })}
        </Text>
        <Text fw={600}>{sessionsEnd}</Text>
      </ConfirmDialog>
    </Section>
  );
}

function TeamSection({ user, isSelf, onUpdated }: SectionProps) {
  const { t } = useTranslation();
  const sites = useSites();
  const teams = useTeams();
  const sessionsEnd = useSessionsEndText(user, isSelf);
  // undefined: untouched; null: "no team" chosen.
  const [draft, setDraft] = useState<string | null | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<SectionNotice>(null);
  const value = draft === undefined ? user.teamId : draft;

  const save = useMutation({
    mutationFn: (teamId: string | null) => setUserTeam(user.id, teamId),
    onSuccess: (updated) => {
      onUpdated(updated);
      setDraft(undefined);
      setConfirming(false);
      setNotice({ kind: 'done', text: `${t('user.team.saved')} ${t('user.sessionsEnded')}` });
    },
  });

  const onSave = () => {
    if (value === user.teamId) {
      setDraft(undefined);
      setNotice({ kind: 'unchanged', text: t('common.noChange') });
      return;
    }
    save.reset();
    setConfirming(true);
  };

  const teamName = teams.data?.find((team) => team.id === value)?.name ?? t('user.team.none');
  return (
    <Section id="user-team" title={t('user.team.heading')}>
      {sites.isPending || teams.isPending ? (
        <Skeleton height={60} />
      ) : sites.isError || teams.isError ? (
        <LoadError
          error={sites.error ?? teams.error}
          onRetry={() => {
            void sites.refetch();
            void teams.refetch();
          }}
          retrying={sites.isFetching || teams.isFetching}
        />
      ) : (
        <>
          <TeamSelect
            label={t('user.team.label')}
            description={t('user.team.hint')}
            sites={sites.data}
            teams={teams.data}
            value={value}
            onChange={(teamId) => {
              setDraft(teamId);
              setNotice(null);
            }}
          />
          <Notice notice={notice} />
          <Group>
            <Button onClick={onSave}>{t('user.team.submit')}</Button>
          </Group>
        </>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('user.team.confirmTitle')}
        confirmLabel={t('user.team.submit')}
        pending={save.isPending}
        error={save.error ?? undefined}
        onConfirm={() => save.mutate(value)}
        onClose={() => setConfirming(false)}
      >
        <Text>{t('user.team.confirmBody', { name: user.displayName, team: teamName })}</Text>
        <Text fw={600}>{sessionsEnd}</Text>
      </ConfirmDialog>
    </Section>
  );
}

type AccessAction = 'disable' | 'enable' | 'resetLink' | 'mfaReset';

function AccessSection({ user, isSelf, onUpdated }: SectionProps) {
  const { t } = useTranslation();
  const sessionsEnd = useSessionsEndText(user, isSelf);
  const [action, setAction] = useState<AccessAction | null>(null);
  const [notice, setNotice] = useState<SectionNotice>(null);
  const [link, setLink] = useState<ResetLinkResult | null>(null);
  const name = user.displayName;

  const run = useMutation({
    mutationFn: async (chosen: AccessAction): Promise<{ chosen: AccessAction; link?: ResetLinkResult }> => {
      switch (chosen) {
        case 'disable':
          onUpdated(await disableUser(user.id));
          return { chosen };
        case 'enable':
          onUpdated(await enableUser(user.id));
          return { chosen };
        case 'mfaReset':
          onUpdated(await resetUserMfa(user.id));
          return { chosen };
        case 'resetLink':
          return { chosen, link: await issueResetLink(user.id) };
      }
    },
    onSuccess: ({ chosen, link: issued }) => {
      setAction(null);
      setLink(issued ?? null);
      setNotice({ kind: 'done', text: t(`user.${chosen}.done`, { name }) });
    },
  });

  const open = (chosen: AccessAction) => {
    run.reset();
    setNotice(null);
    setAction(chosen);
  };

  // Ending sessions is said for the actions that do it (the API ends them for these).
  const endsSessions = action === 'disable' || action === 'mfaReset';
  return (
    <Section id="user-access" title={t('user.access.heading')}>
      <Notice notice={notice} />
      {link && <LinkHandover link={link.resetLink} expiresAt={link.expiresAt} email={user.email} />}

      <Stack gap="xs" align="flex-start">
        <Text>{t('user.resetLink.intro')}</Text>
        <Button variant="default" onClick={() => open('resetLink')}>
          {t('user.resetLink.button')}
        </Button>
      </Stack>

      <Stack gap="xs" align="flex-start">
        <Text>{t('user.mfaReset.intro')}</Text>
        <Button variant="default" onClick={() => open('mfaReset')}>
          {t('user.mfaReset.button')}
        </Button>
      </Stack>

      <Stack gap="xs" align="flex-start">
        {user.status === 'active' ? (
          isSelf ? (
            <Text>{t('user.disable.self')}</Text>
          ) : (
            <>
              <Text>{t('user.disable.intro')}</Text>
              <Button color="red" onClick={() => open('disable')}>
                {t('user.disable.button')}
              </Button>
            </>
          )
        ) : (
          <>
            <Text>{t('user.enable.intro')}</Text>
            <Button onClick={() => open('enable')}>{t('user.enable.button')}</Button>
          </>
        )}
      </Stack>

      <ConfirmDialog
        opened={action !== null}
        title={action ? t(`user.${action}.confirmTitle`) : ''}
        confirmLabel={action ? t(`user.${action}.button`) : ''}
        danger={action === 'disable'}
        pending={run.isPending}
        error={run.error ?? undefined}
        onConfirm={() => action && run.mutate(action)}
        onClose={() => setAction(null)}
      >
        {action && <Text>{t(`user.${action}.confirmBody`, { name })}</Text>}
        {endsSessions && <Text fw={600}>{sessionsEnd}</Text>}
      </ConfirmDialog>
    </Section>
  );
}
