import type { Role } from './roles';

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type AccountStatusValue = 'active' | 'disabled';

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  status: AccountStatusValue;
  roles: Role[];
  siteIds: string[];
  teamId: string | null;
  mfaEnabled: boolean;
  mfaRequired: boolean;
  version: number;
}

export interface SiteView {
  id: string;
  name: string;
  code: string;
  departement: string;
  version: number;
}

export interface TeamView {
  id: string;
  name: string;
  siteId: string;
  version: number;
}

export interface AssociationSettingsView {
  mfaRequiredRoles: Role[];
  breakGlassHours: number;
  noContactDays: number;
  version: number;
}

export interface InvitationResult {
  user: UserSummary;
  /** The one-time link to hand over (null when it was sent by email). */
  resetLink: string | null;
  resetLinkExpiresAt: string;
}
