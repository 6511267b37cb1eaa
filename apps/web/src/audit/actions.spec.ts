import { createInstance, type i18n as I18n } from 'i18next';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { actionLabelKey, KNOWN_ACTION_CODES, objectTypeKey, outcomeLabel } from './actions';

// Every code the API writes today (libs/auth auth-event.entity.ts, the @Audited routes, the audit
// controller) must have a name of its own, not a family's.
const API_CODES = [
  'journal.read',
  'journal_event.created',
  'journal_event.updated',
  'journal_event.deleted',
  'journal_event.versions.read',
  'journal.deleted.read',
  'appointments.read',
  'appointment.created',
  'appointment.updated',
  'appointment.deleted',
  'agenda.read',
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.login.throttled',
  'auth.mfa.succeeded',
  'auth.mfa.failed',
  'auth.mfa.throttled',
  'auth.mfa.recovery_code_used',
  'auth.mfa.enrolled',
  'auth.logout',
  'auth.session.expired',
  'auth.password.changed',
  'auth.password_reset.issued',
  'auth.password_reset.used',
  'auth.password_reset.refused',
  'auth.account.created',
  'auth.csrf.refused',
  'user.invited',
  'user.updated',
  'user.roles.set',
  'user.sites.set',
  'user.team.set',
  'user.disabled',
  'user.enabled',
  'user.reset_link.issued',
  'user.mfa.reset',
  'site.created',
  'site.updated',
  'team.created',
  'team.updated',
  'settings.updated',
  'break_glass.reviewed',
  'audit.searched',
  'audit.exported',
  'audit.verified',
];

const FAMILY_KEYS = new Set(
  [
    'otherAuth',
    'otherUser',
    'otherOrganisation',
    'otherSettings',
    'otherBreakGlass',
    'otherAudit',
    'otherPerson',
    'other',
  ].map((k) => `auditActions.${k}`),
);

describe('actionLabelKey', () => {
  it.each(API_CODES)('names %s on its own', (code) => {
    expect(FAMILY_KEYS.has(actionLabelKey(code))).toBe(false);
  });

  it('gives different codes different names', () => {
    expect(new Set(API_CODES.map(actionLabelKey)).size).toBe(API_CODES.length);
  });

  it.each([
    ['refused.get', 'auditActions.refusedRead'],
    ['refused.head', 'auditActions.refusedRead'],
    ['refused.post', 'auditActions.refusedWrite'],
    ['refused.patch', 'auditActions.refusedWrite'],
    ['refused.delete', 'auditActions.refusedWrite'],
    ['refused.options', 'auditActions.refusedOther'],
  ])('tells a refused read from a refused write: %s', (code, key) => {
    expect(actionLabelKey(code)).toBe(key);
  });

  it.each([
    ['auth.totp.something_new', 'auditActions.otherAuth'],
    ['user.archived', 'auditActions.otherUser'],
    ['site.deleted', 'auditActions.otherOrganisation'],
    ['team.merged', 'auditActions.otherOrganisation'],
    ['settings.reset', 'auditActions.otherSettings'],
    ['break_glass.opened', 'auditActions.otherBreakGlass'],
    ['audit.sealed', 'auditActions.otherAudit'],
    ['person.read', 'auditActions.otherPerson'],
    ['jobs.retried', 'auditActions.other'],
    ['constructor', 'auditActions.other'],
    ['', 'auditActions.other'],
  ])('names a code it does not know by its family: %s', (code, key) => {
    expect(actionLabelKey(code)).toBe(key);
  });

  it('suggests only codes it names', () => {
    for (const code of KNOWN_ACTION_CODES) expect(actionLabelKey(code)).not.toBe('auditActions.other');
  });
});

describe('outcomeLabel', () => {
  it.each([
    ['success', 'auditOutcomes.success', 'positive'],
    ['denied', 'auditOutcomes.denied', 'negative'],
    ['not_found', 'auditOutcomes.not_found', 'neutral'],
    ['failed', 'auditOutcomes.failed', 'negative'],
    ['later', 'auditOutcomes.unknown', 'neutral'],
  ])('reads %s', (outcome, key, tone) => {
    expect(outcomeLabel(outcome)).toEqual({ key, tone });
  });
});

describe('objectTypeKey', () => {
  it('names the known object types and leaves the others raw', () => {
    expect(objectTypeKey('account')).toBe('auditObjects.account');
    expect(objectTypeKey('break_glass_grant')).toBe('auditObjects.break_glass_grant');
    expect(objectTypeKey('toString')).toBeNull();
    expect(objectTypeKey('invoice')).toBeNull();
  });
});

describe('in words', () => {
  const instances: Record<'fr' | 'en', I18n> = { fr: createInstance(), en: createInstance() };
  beforeAll(async () => {
    await instances.fr.init({ lng: 'fr', resources: { fr: { translation: fr } } });
    await instances.en.init({ lng: 'en', resources: { en: { translation: en } } });
  });

  it.each(['fr', 'en'] as const)('has a %s name for every code, family and outcome', (language) => {
    const keys = [
      ...API_CODES.map(actionLabelKey),
      ...FAMILY_KEYS,
      'auditActions.refusedRead',
      'auditActions.refusedWrite',
      'auditActions.refusedOther',
      ...['success', 'denied', 'not_found', 'failed', 'x'].map((outcome) => outcomeLabel(outcome).key),
    ];
    const missing = keys.filter((key) => !instances[language].exists(key));
    expect(missing).toEqual([]);
  });

  it('reads well in French', () => {
    expect(instances.fr.t(actionLabelKey('auth.login.failed'))).toBe('Échec de connexion');
    expect(instances.fr.t(actionLabelKey('user.roles.set'))).toBe('Rôles d’un compte modifiés');
    expect(instances.fr.t(actionLabelKey('refused.get'))).toBe('Accès refusé (lecture)');
    expect(instances.en.t(actionLabelKey('settings.updated'))).toBe('Settings changed');
  });
});
