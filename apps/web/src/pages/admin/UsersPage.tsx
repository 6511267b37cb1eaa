import { Anchor, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import type { UserSummary } from '@app/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { adminKeys, fetchUsers } from '../../api/admin';
import {
  ASSIGNABLE_ROLES,
  isAssignableRole,
  readUserListSearch,
  userListApiQuery,
  userListSearchParams,
  type UserListFilter,
} from '../../admin/users';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { IconPlus } from '../../components/icons';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { Pager } from '../../components/Pager';
import { useRoleLabel } from '../../components/roles';
import { formatCount } from '../../format/format';
import { InviteUserDialog } from './InviteUserDialog';
import { ACCOUNT_EVENTS_PATH, userPath } from './paths';
import { MfaState, StatusState } from './UserStates';

const PAGE_SIZE = 20;

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const roleLabel = useRoleLabel();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = readUserListSearch(searchParams);
  const query = userListApiQuery(filter, PAGE_SIZE);
  const [inviting, setInviting] = useState(false);
  const summaryRef = useRef<HTMLParagraphElement>(null);

  const users = useQuery({
    queryKey: adminKeys.userList(query),
    queryFn: ({ signal }) => fetchUsers(query, signal),
    // The previous page stays on screen while the next one loads, instead of blinking to skeletons.
    placeholderData: keepPreviousData,
  });

  const setFilter = (next: UserListFilter) => setSearchParams(userListSearchParams(next));
  const goToPage = (page: number) => {
    setFilter({ ...filter, page });
    // The button pressed may vanish on the last page: focus goes to the result count instead.
    summaryRef.current?.focus();
  };

  const columns: DataColumn<UserSummary>[] = [
    {
      key: 'name',
      header: t('users.columns.name'),
      cell: (user) => (
        <Stack gap={2}>
          <Anchor component={Link} to={userPath(user.id)} fw={600}>
            {user.displayName}
          </Anchor>
          <Text size="sm" c="dimmed" className="id-text">
            {user.email}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'roles',
      header: t('users.columns.roles'),
      cell: (user) => (
        <Text size="sm">{user.roles.length ? user.roles.map(roleLabel).join(', ') : t('roles.none')}</Text>
      ),
    },
    { key: 'status', header: t('users.columns.status'), cell: (user) => <StatusState status={user.status} /> },
    { key: 'mfa', header: t('users.columns.mfa'), cell: (user) => <MfaState user={user} /> },
  ];

  const filtered = filter.status !== undefined || filter.role !== undefined;

  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1}>{t('nav.users')}</Title>
      <Text maw={720}>{t('users.intro')}</Text>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <Group role="search" aria-label={t('users.filters.label')} gap="md" wrap="wrap" align="flex-end">
          <NativeSelect
            label={t('users.filters.status')}
            value={filter.status ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setFilter({ ...filter, status: value === 'active' || value === 'disabled' ? value : undefined, page: 1 });
            }}
            data={[
              { value: '', label: t('users.filters.statusAll') },
              { value: 'active', label: t('users.status.active') },
              { value: 'disabled', label: t('users.status.disabled') },
            ]}
          />
          <NativeSelect
            label={t('users.filters.role')}
            value={filter.role ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setFilter({ ...filter, role: isAssignableRole(value) ? value : undefined, page: 1 });
            }}
            data={[
              { value: '', label: t('users.filters.roleAll') },
              ...ASSIGNABLE_ROLES.map((role) => ({ value: role, label: roleLabel(role) })),
            ]}
          />
        </Group>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setInviting(true)}>
          {t('users.invite')}
        </Button>
      </Group>

      {users.isPending ? (
        <ListSkeleton label={t('users.loading')} />
      ) : users.isError ? (
        <LoadError error={users.error} onRetry={() => void users.refetch()} retrying={users.isFetching} />
      ) : (
        <Stack gap="md" aria-busy={users.isPlaceholderData}>
          <Text ref={summaryRef} tabIndex={-1} role="status" fw={600}>
            {t('users.count', { count: users.data.total, formatted: formatCount(users.data.total, i18n.language) })}
          </Text>
          {users.data.items.length === 0 ? (
            <EmptyState>{t(filtered ? 'users.emptyFiltered' : 'users.empty')}</EmptyState>
          ) : (
            <DataTable
              label={t('users.tableLabel')}
              columns={columns}
              rows={users.data.items}
              rowKey={(user) => user.id}
            />
          )}
          <Pager page={filter.page} total={users.data.total} pageSize={PAGE_SIZE} onPage={goToPage} />
        </Stack>
      )}

      <Anchor component={Link} to={ACCOUNT_EVENTS_PATH}>
        {t('users.accountEventsLink')}
      </Anchor>

      <InviteUserDialog opened={inviting} onClose={() => setInviting(false)} />
    </Stack>
  );
}
