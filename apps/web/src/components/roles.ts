import { Role, ROLES } from '@app/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export function isKnownRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The name of a role in the UI's language. */
export function useRoleLabel(): (role: Role) => string {
  const { t } = useTranslation();
  return useCallback((role: Role) => t(`roles.${role}`), [t]);
}
