// Readable names for the audit trail's action codes (`auth.login.failed`, `user.roles.set`,
// `refused.get`…). Pure, so unit-tested. The raw code is shown next to the name for the DPO; a
// code this table does not know yet still gets the name of its family rather than nothing.

export type ActionLabelKey =
  | 'auditActions.loginSucceeded'
  | 'auditActions.loginFailed'
  | 'auditActions.loginThrottled'
  | 'auditActions.mfaSucceeded'
  | 'auditActions.mfaFailed'
  | 'auditActions.mfaThrottled'
  | 'auditActions.recoveryCodeUsed'
  | 'auditActions.mfaEnrolled'
  | 'auditActions.logout'
  | 'auditActions.sessionExpired'
  | 'auditActions.passwordChanged'
  | 'auditActions.passwordResetIssued'
  | 'auditActions.passwordResetUsed'
  | 'auditActions.passwordResetRefused'
  | 'auditActions.accountCreated'
  | 'auditActions.csrfRefused'
  | 'auditActions.userInvited'
  | 'auditActions.userUpdated'
  | 'auditActions.userRolesSet'
  | 'auditActions.userSitesSet'
  | 'auditActions.userTeamSet'
  | 'auditActions.userDisabled'
  | 'auditActions.userEnabled'
  | 'auditActions.userResetLinkIssued'
  | 'auditActions.userMfaReset'
  | 'auditActions.siteCreated'
  | 'auditActions.siteUpdated'
  | 'auditActions.teamCreated'
  | 'auditActions.teamUpdated'
  | 'auditActions.settingsUpdated'
  | 'auditActions.breakGlassReviewed'
  | 'auditActions.auditSearched'
  | 'auditActions.auditExported'
  | 'auditActions.auditVerified'
  | 'auditActions.documentListed'
  | 'auditActions.documentUploaded'
  | 'auditActions.documentDownloaded'
  | 'auditActions.documentDeleted'
  | 'auditActions.documentUpdated'
  | 'auditActions.referralListed'
  | 'auditActions.referralCreated'
  | 'auditActions.referralUpdated'
  | 'auditActions.partnerCreated'
  | 'auditActions.partnerUpdated'
  | 'auditActions.outreachCreated'
  | 'auditActions.refusedRead'
  | 'auditActions.refusedWrite'
  | 'auditActions.refusedOther'
  | 'auditActions.journalRead'
  | 'auditActions.journalEventCreated'
  | 'auditActions.journalEventUpdated'
  | 'auditActions.journalEventDeleted'
  | 'auditActions.journalEventVersionsRead'
  | 'auditActions.journalDeletedRead'
  | 'auditActions.appointmentsRead'
  | 'auditActions.appointmentCreated'
  | 'auditActions.appointmentUpdated'
  | 'auditActions.appointmentDeleted'
  | 'auditActions.agendaRead'
  | 'auditActions.otherAuth'
  | 'auditActions.otherUser'
  | 'auditActions.otherOrganisation'
  | 'auditActions.otherSettings'
  | 'auditActions.otherBreakGlass'
  | 'auditActions.otherAudit'
  | 'auditActions.otherPerson'
  | 'auditActions.other';

// The codes the API writes today (libs/auth auth-event.entity.ts, the @Audited routes, the error
// filter's refusals).
const KEY_BY_CODE: Readonly<Record<string, ActionLabelKey>> = {
  'auth.login.succeeded': 'auditActions.loginSucceeded',
  'auth.login.failed': 'auditActions.loginFailed',
  'auth.login.throttled': 'auditActions.loginThrottled',
  'auth.mfa.succeeded': 'auditActions.mfaSucceeded',
  'auth.mfa.failed': 'auditActions.mfaFailed',
  'auth.mfa.throttled': 'auditActions.mfaThrottled',
  'auth.mfa.recovery_code_used': 'auditActions.recoveryCodeUsed',
  'auth.mfa.enrolled': 'auditActions.mfaEnrolled',
  'auth.logout': 'auditActions.logout',
  'auth.session.expired': 'auditActions.sessionExpired',
  'auth.password.changed': 'auditActions.passwordChanged',
  'auth.password_reset.issued': 'auditActions.passwordResetIssued',
  'auth.password_reset.used': 'auditActions.passwordResetUsed',
  'auth.password_reset.refused': 'auditActions.passwordResetRefused',
  'auth.account.created': 'auditActions.accountCreated',
  'auth.csrf.refused': 'auditActions.csrfRefused',
  'user.invited': 'auditActions.userInvited',
  'user.updated': 'auditActions.userUpdated',
  'user.roles.set': 'auditActions.userRolesSet',
  'user.sites.set': 'auditActions.userSitesSet',
  'user.team.set': 'auditActions.userTeamSet',
  'user.disabled': 'auditActions.userDisabled',
  'user.enabled': 'auditActions.userEnabled',
  'user.reset_link.issued': 'auditActions.userResetLinkIssued',
  'user.mfa.reset': 'auditActions.userMfaReset',
  'site.created': 'auditActions.siteCreated',
  'site.updated': 'auditActions.siteUpdated',
  'team.created': 'auditActions.teamCreated',
  'team.updated': 'auditActions.teamUpdated',
  'settings.updated': 'auditActions.settingsUpdated',
  'break_glass.reviewed': 'auditActions.breakGlassReviewed',
  'audit.searched': 'auditActions.auditSearched',
  'audit.exported': 'auditActions.auditExported',
  'audit.verified': 'auditActions.auditVerified',
  'journal.read': 'auditActions.journalRead',
  'journal_event.created': 'auditActions.journalEventCreated',
  'journal_event.updated': 'auditActions.journalEventUpdated',
  'journal_event.deleted': 'auditActions.journalEventDeleted',
  'journal_event.versions.read': 'auditActions.journalEventVersionsRead',
  'journal.deleted.read': 'auditActions.journalDeletedRead',
  'appointments.read': 'auditActions.appointmentsRead',
  'appointment.created': 'auditActions.appointmentCreated',
  'appointment.updated': 'auditActions.appointmentUpdated',
  'appointment.deleted': 'auditActions.appointmentDeleted',
  'agenda.read': 'auditActions.agendaRead',
  'document.listed': 'auditActions.documentListed',
  'document.uploaded': 'auditActions.documentUploaded',
  'document.downloaded': 'auditActions.documentDownloaded',
  'document.deleted': 'auditActions.documentDeleted',
  'document.updated': 'auditActions.documentUpdated',
  'referral.listed': 'auditActions.referralListed',
  'referral.created': 'auditActions.referralCreated',
  'referral.updated': 'auditActions.referralUpdated',
  'partner.created': 'auditActions.partnerCreated',
  'partner.updated': 'auditActions.partnerUpdated',
  'outreach.created': 'auditActions.outreachCreated',
};

/** The codes offered as suggestions in the search form, in the table's order. */
export const KNOWN_ACTION_CODES: readonly string[] = [...Object.keys(KEY_BY_CODE), 'refused.get', 'refused.post'];

const READ_METHODS: ReadonlySet<string> = new Set(['get', 'head']);
const WRITE_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

// Longest prefix first is not needed: no family prefix is a prefix of another.
const FAMILIES: ReadonlyArray<readonly [string, ActionLabelKey]> = [
  ['auth.', 'auditActions.otherAuth'],
  ['user.', 'auditActions.otherUser'],
  ['site.', 'auditActions.otherOrganisation'],
  ['team.', 'auditActions.otherOrganisation'],
  ['settings.', 'auditActions.otherSettings'],
  ['break_glass.', 'auditActions.otherBreakGlass'],
  ['audit.', 'auditActions.otherAudit'],
  ['person.', 'auditActions.otherPerson'],
  ['persons.', 'auditActions.otherPerson'],
];

export function actionLabelKey(code: string): ActionLabelKey {
  // hasOwn: a code such as "constructor" must not find Object.prototype's members.
  if (Object.hasOwn(KEY_BY_CODE, code)) return KEY_BY_CODE[code];
  if (code.startsWith('refused.')) {
    const method = code.slice('refused.'.length);
    if (READ_METHODS.has(method)) return 'auditActions.refusedRead';
    if (WRITE_METHODS.has(method)) return 'auditActions.refusedWrite';
    return 'auditActions.refusedOther';
  }
  return FAMILIES.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 'auditActions.other';
}

export type OutcomeKey =
  | 'auditOutcomes.success'
  | 'auditOutcomes.denied'
  | 'auditOutcomes.not_found'
  | 'auditOutcomes.failed'
  | 'auditOutcomes.unknown';

/** The tone of an outcome, for its icon: a second cue next to the words, never the only one. */
export type OutcomeTone = 'positive' | 'negative' | 'neutral';

export function outcomeLabel(outcome: string): { key: OutcomeKey; tone: OutcomeTone } {
  switch (outcome) {
    case 'success':
      return { key: 'auditOutcomes.success', tone: 'positive' };
    case 'denied':
      return { key: 'auditOutcomes.denied', tone: 'negative' };
    case 'not_found':
      return { key: 'auditOutcomes.not_found', tone: 'neutral' };
    case 'failed':
      return { key: 'auditOutcomes.failed', tone: 'negative' };
    default:
      return { key: 'auditOutcomes.unknown', tone: 'neutral' };
  }
}

export type ObjectTypeKey =
  | 'auditObjects.account'
  | 'auditObjects.site'
  | 'auditObjects.team'
  | 'auditObjects.association'
  | 'auditObjects.audit'
  | 'auditObjects.break_glass_grant'
  | 'auditObjects.person';

const OBJECT_TYPES: Readonly<Record<string, ObjectTypeKey>> = {
  account: 'auditObjects.account',
  site: 'auditObjects.site',
  team: 'auditObjects.team',
  association: 'auditObjects.association',
  audit: 'auditObjects.audit',
  break_glass_grant: 'auditObjects.break_glass_grant',
  person: 'auditObjects.person',
};

/** The name of an object type, or null when unknown (the raw type is then shown as is). */
export function objectTypeKey(objectType: string): ObjectTypeKey | null {
  return Object.hasOwn(OBJECT_TYPES, objectType) ? OBJECT_TYPES[objectType] : null;
}
