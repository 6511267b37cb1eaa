import { Checkbox, Stack } from '@mantine/core';
import type { Role, SiteView } from '@app/contracts';
import type { Ref } from 'react';
import { ASSIGNABLE_ROLES, isAssignableRole, sortRoles } from '../../admin/users';
import { useRoleLabel } from '../../components/roles';

/** One checkbox per assignable role, in a labelled group (fieldset and legend for screen readers). */
export function RoleCheckboxes({
  label,
  description,
  value,
  onChange,
  error,
  firstRef,
}: {
  label: string;
  description?: string;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string;
  /** The first box, to focus when the group has an error. */
  firstRef?: Ref<HTMLInputElement>;
}) {
  const roleLabel = useRoleLabel();
  return (
    <Checkbox.Group
      label={label}
      description={description}
      value={[...value]}
      onChange={(values) => onChange(sortRoles(values.filter(isAssignableRole)))}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {ASSIGNABLE_ROLES.map((role, index) => (
          <Checkbox key={role} value={role} label={roleLabel(role)} ref={index === 0 ? firstRef : undefined} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** One checkbox per site; none ticked means every site of the association. */
export function SiteCheckboxes({
  label,
  description,
  sites,
  value,
  onChange,
}: {
  label: string;
  description: string;
  sites: readonly SiteView[];
  value: readonly string[];
  onChange: (siteIds: string[]) => void;
}) {
  return (
    <Checkbox.Group label={label} description={description} value={[...value]} onChange={onChange}>
      <Stack gap="xs" mt="xs">
        {sites.map((site) => (
          <Checkbox key={site.id} value={site.id} label={`${site.name} (${site.code})`} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
