import { Anchor, Button, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { Dialog } from '../../components/Dialog';
import type { InvitationResult, Role } from '@app/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { adminKeys, inviteUser } from '../../api/admin';
import { isApiError } from '../../api/client';
import { invalidFields } from '../../api/errors';
import { checkInvitation, DISPLAY_NAME_MAX, type InvitationProblems } from '../../admin/users';
import { ErrorAlert, SuccessNotice, useErrorText } from '../../components/ErrorAlert';
import { LinkHandover } from '../../components/LinkHandover';
import { RoleCheckboxes, SiteCheckboxes } from './RoleCheckboxes';
import { TeamSelect } from './TeamSelect';
import { useSites, useTeams } from './useOrganisation';
import { userPath } from './paths';

interface Draft {
  email: string;
  displayName: string;
  roles: Role[];
  siteIds: string[];
  teamId: string | null;
}

const EMPTY: Draft = { email: '', displayName: '', roles: [], siteIds: [], teamId: null };

type FieldErrors = { email?: string; displayName?: string; roles?: string };

/**
 * Invites a user: the account is created at once, and the admin gets a one-time link to hand over,
 * with which the user chooses their own password.
 */
export function InviteUserDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<InvitationResult | null>(null);
  const close = () => {
    onClose();
    // After the closing animation would be nicer, but a reopened dialog must start empty anyway.
    setResult(null);
  };
  return (
    <Dialog opened={opened} onClose={close} title={t(result ? 'invite.doneTitle' : 'invite.title')}>
      {result ? (
        <InvitationDone result={result} onClose={close} />
      ) : (
        <InviteForm onInvited={setResult} onCancel={close} />
      )}
    </Dialog>
  );
}

function InvitationDone({ result, onClose }: { result: InvitationResult; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <SuccessNotice>{t('invite.done', { name: result.user.displayName, email: result.user.email })}</SuccessNotice>
      <LinkHandover link={result.resetLink} expiresAt={result.resetLinkExpiresAt} email={result.user.email} />
      <Text size="sm" c="dimmed">
        {t('invite.lost')}
      </Text>
      <Group justify="flex-end" gap="sm">
        <Anchor component={Link} to={userPath(result.user.id)} onClick={onClose}>
          {t('invite.openUser')}
        </Anchor>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Group>
    </Stack>
  );
}

function InviteForm({ onInvited, onCancel }: { onInvited: (result: InvitationResult) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const sites = useSites();
  const teams = useTeams();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const roleRef = useRef<HTMLInputElement>(null);

  const problemText = (problems: InvitationProblems): FieldErrors => ({
    email: problems.email ? t(`invite.errors.email.${problems.email}`) : undefined,
    displayName: problems.displayName
      ? t(`invite.errors.displayName.${problems.displayName}`, { max: DISPLAY_NAME_MAX })
      : undefined,
    roles: problems.roles ? t('invite.errors.rolesRequired') : undefined,
  });

  const invite = useMutation({
    mutationFn: inviteUser,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.userLists() });
      onInvited(result);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'EMAIL_TAKEN') {
        setErrors({ email: errorText(error) });
        emailRef.current?.focus();
        return;
      }
      // The server's own checks, marked on their fields when it names them.
      const fields = invalidFields(error);
      if (fields.has('email')) {
        setErrors({ email: t('invite.errors.email.invalid') });
        emailRef.current?.focus();
      } else if (fields.has('displayName')) {
        setErrors({ displayName: t('invite.errors.displayName.required') });
        nameRef.current?.focus();
      }
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = problemText(checkInvitation(draft));
    setErrors(next);
    const first = next.email ? emailRef : next.displayName ? nameRef : next.roles ? roleRef : null;
    if (first) {
      first.current?.focus();
      return;
    }
    invite.mutate({
      email: draft.email.trim(),
      displayName: draft.displayName.trim(),
      roles: draft.roles,
      siteIds: draft.siteIds,
      teamId: draft.teamId,
    });
  };

  const fieldError =
    isApiError(invite.error) &&
    (invite.error.code === 'EMAIL_TAKEN' ||
      invalidFields(invite.error).has('email') ||
      invalidFields(invite.error).has('displayName'));

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text>{t('invite.intro')}</Text>
        {invite.isError && !fieldError && <ErrorAlert error={invite.error} />}
        <TextInput
          ref={emailRef}
          label={t('invite.email')}
          type="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          withAsterisk={false}
          value={draft.email}
          onChange={(event) => setDraft({ ...draft, email: event.currentTarget.value })}
          error={errors.email}
          data-autofocus
        />
        <TextInput
          ref={nameRef}
          label={t('invite.displayName')}
          description={t('invite.displayNameHint')}
          autoComplete="off"
          required
          withAsterisk={false}
          value={draft.displayName}
          onChange={(event) => setDraft({ ...draft, displayName: event.currentTarget.value })}
          error={errors.displayName}
        />
        <RoleCheckboxes
          label={t('invite.roles')}
          value={draft.roles}
          onChange={(roles) => {
            setDraft({ ...draft, roles });
            if (roles.length > 0) setErrors({ ...errors, roles: undefined });
          }}
          error={errors.roles}
          firstRef={roleRef}
        />
        {sites.isPending || teams.isPending ? (
          <Skeleton height={80} />
        ) : sites.isError || teams.isError ? (
          <ErrorAlert message={t('invite.organisationUnavailable')} />
        ) : (
          <>
            {sites.data.length > 0 && (
              <SiteCheckboxes
                label={t('invite.sites')}
                description={t('user.sites.hint')}
                sites={sites.data}
                value={draft.siteIds}
                onChange={(siteIds) => setDraft({ ...draft, siteIds })}
              />
            )}
            <TeamSelect
              label={t('invite.team')}
              sites={sites.data}
              teams={teams.data}
              value={draft.teamId}
              onChange={(teamId) => setDraft({ ...draft, teamId })}
            />
          </>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={invite.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending}>
            {t('invite.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
