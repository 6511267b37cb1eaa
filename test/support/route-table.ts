import { randomUUID } from 'node:crypto';
import { pathwayFixtures, today } from './pathways';
import { actorOf, createAppointment, createEvent } from './casework';
import { actorFor, createDocument, createPartner, createReferral, recordConsent } from './documents';
import { pdfWith, type MultipartBody } from './multipart';
import { createPerson, personInput } from './persons';
import { createReminder } from './reminders';
import type { TestApp } from './test-app';
import { newTarget, versionOf, versionOfUser, type PrincipalName, type World } from './world';

/**
 * The role × route table (ACCEPTANCE.md "Access and tenancy"): one line per route of the assembled
 * app. Every generated test (completeness, matrix, IDOR, mass assignment, fuzz) reads it; a new
 * route is one more line here.
 */
export interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Nest path with `:params`, without the /api prefix for API routes. */
  path: string;
  /** The status each principal must get; see `allow()` for the usual shape. */
  expect: (principal: PrincipalName) => number;
  /** Path parameters naming objects of association A, the principals' own. */
  params?: (w: World, t: TestApp) => Promise<Record<string, string>>;
  /** The same parameters naming objects out of worker A1's and admin A's reach (other association). */
  foreign?: (w: World, t: TestApp) => Promise<Record<string, string>>;
  /** Objects of association B, replayed by the first allowed principal of association A. */
  foreignAssociation?: (w: World, t: TestApp) => Promise<Record<string, string>>;
  query?: Record<string, string>;
  body?: (w: World, t: TestApp, principal: PrincipalName, params: Record<string, string>) => unknown;
  /**
   * multipart/form-data routes (uploads): the text fields and the file, instead of `body`. `send`
   * merges `extraBody` into the fields, so the mass-assignment test adds its keys as form fields.
   */
  upload?: (w: World, t: TestApp, principal: PrincipalName, params: Record<string, string>) => MultipartBody;
  /** Keys this route legitimately sets (everything else is mass assignment). */
  writes?: string[];
  /** The route reads or writes a person's data (audited, later issues). */
  personData?: boolean;
  /** Use a session of its own (the route ends the session it runs in). */
  freshSession?: boolean;
  /** No CSRF token, no cookie: the route is reached before any session exists. */
  public?: boolean;
}

/** Allowed principals get `ok`; anonymous gets 401; any other signed-in principal gets 403. */
export function allow(allowed: PrincipalName[], ok = 200): (p: PrincipalName) => number {
  return (p) => (allowed.includes(p) ? ok : p === 'anonymous' ? 401 : 403);
}

/**
 * For person routes naming a file of team A1: worker A2 (other team) and coordinator B (other
 * association) hold the permission but find nothing there (404, record scope).
 */
export function allowInScope(allowed: PrincipalName[], ok = 200): (p: PrincipalName) => number {
  return (p) => ((p === 'workerA2' || p === 'coordinatorB') && allowed.includes(p) ? 404 : allow(allowed, ok)(p));
}

/**
 * For routes naming an object of association A: a principal of association B holding the permission
 * finds nothing there (404, record scope), like an id that does not exist.
 */
export function allowInA(allowed: PrincipalName[], ok = 200): (p: PrincipalName) => number {
  return (p) => (p === 'coordinatorB' && allowed.includes(p) ? 404 : allow(allowed, ok)(p));
}

const SIGNED_IN: PrincipalName[] = [
  'workerA1',
  'workerA2',
  'volunteerA',
  'coordinatorA',
  'adminA',
  'dpoA',
  'funderF',
  'coordinatorB',
];
const IN_ASSOCIATION_A: PrincipalName[] = ['workerA1', 'workerA2', 'volunteerA', 'coordinatorA', 'adminA', 'dpoA'];
const ORGANISATION_READERS: PrincipalName[] = [
  'workerA1',
  'workerA2',
  'coordinatorA',
  'adminA',
  'dpoA',
  'coordinatorB',
];
const ADMIN_A: PrincipalName[] = ['adminA'];
const CASELOAD: PrincipalName[] = ['workerA1', 'workerA2', 'coordinatorA', 'coordinatorB'];
const USER_READERS: PrincipalName[] = ['coordinatorA', 'adminA', 'coordinatorB'];
const PARTNER_READERS: PrincipalName[] = ['workerA1', 'workerA2', 'coordinatorA', 'adminA', 'coordinatorB'];
const PARTNER_MANAGERS: PrincipalName[] = ['coordinatorA', 'adminA', 'coordinatorB'];
const OUTREACH: PrincipalName[] = ['workerA1', 'workerA2', 'volunteerA', 'coordinatorA', 'coordinatorB'];

const worker = (w: World, who: 'workerA1' | 'workerA2' | 'coordinatorA' | 'coordinatorB') => actorFor(w, who);
/** A fresh document on each file: one of team A1's, one of team A2's, one of association B's. */
const documentOn = async (w: World, t: TestApp, file: 'A1' | 'A2' | 'B') => {
  const [who, id] =
    file === 'A1'
      ? (['workerA1', w.personA1] as const)
      : file === 'A2'
        ? (['workerA2', w.personA2] as const)
        : (['coordinatorB', w.personB] as const);
  return { id, documentId: await createDocument(t, worker(w, who), id) };
};
const referralOn = async (w: World, t: TestApp, file: 'A1' | 'A2' | 'B') => {
  const [who, id] =
    file === 'A1'
      ? (['workerA1', w.personA1] as const)
      : file === 'A2'
        ? (['workerA2', w.personA2] as const)
        : (['coordinatorB', w.personB] as const);
  return { id, referralId: await createReferral(t, worker(w, who), id) };
};
const outreachBody = (w: World, p: PrincipalName) => ({
  siteId: p === 'coordinatorB' ? w.siteB : w.siteA1,
  heldOn: '2026-01-10',
  placeKind: 'street',
  channel: null,
  durationMinutes: 150,
  teamMemberIds: [],
  tallies: {
    peopleMet: 6,
    newContacts: 2,
    gender: { women: 5, trans: 1 },
    firstLanguage: { ro: 3, fr: 2 },
    materials: { condoms: 40, leaflets: 6 },
    orientations: { health: 2 },
  },
});

const userParams = async (w: World, t: TestApp, association: 'A' | 'B' = 'A') => ({
  id: await newTarget(t, w, association),
});
const foreignUser = (w: World, t: TestApp) => userParams(w, t, 'B');

/** A distinct commission day per call (one session per département and day). */
let sessionDay = 0;
const nextSessionDay = () => {
  sessionDay += 1;
  const d = new Date(Date.UTC(2031, 0, 1) + sessionDay * 86_400_000);
  return d.toISOString().slice(0, 10);
};

export const ROUTES: RouteCase[] = [
  // ── operations ──
  { method: 'GET', path: '/api/health', expect: () => 200, public: true },
  { method: 'GET', path: '/metrics', expect: () => 200, public: true },

  // ── authentication ──
  {
    method: 'POST',
    path: '/api/auth/login',
    public: true,
    expect: () => 401,
    body: (_w, _t, p) => ({ email: `nobody.${p}@world.test`, password: 'not the password at all' }),
    writes: ['email', 'password'],
  },
  {
    method: 'POST',
    path: '/api/auth/mfa',
    expect: (p) => (p === 'anonymous' ? 401 : 409),
    body: () => ({ code: '123456' }),
    writes: ['code'],
  },
  { method: 'POST', path: '/api/auth/mfa/enrolment', expect: allow(SIGNED_IN), body: () => ({}) },
  {
    method: 'POST',
    path: '/api/auth/mfa/enrolment/confirm',
    // Runs after the enrolment above: a pending seed exists, and this code is wrong.
    expect: (p) => (p === 'anonymous' ? 401 : 401),
    body: () => ({ code: '000000' }),
    writes: ['code'],
  },
  {
    method: 'POST',
    path: '/api/auth/password',
    expect: (p) => (p === 'anonymous' ? 401 : 401),
    body: () => ({ currentPassword: 'not the current password', newPassword: 'a long enough new passphrase' }),
    writes: ['currentPassword', 'newPassword'],
  },
  {
    method: 'POST',
    path: '/api/auth/reset',
    public: true,
    expect: () => 400,
    body: () => ({ token: 'x'.repeat(43), newPassword: 'a long enough new passphrase' }),
    writes: ['token', 'newPassword'],
  },
  { method: 'POST', path: '/api/auth/logout', expect: allow(SIGNED_IN, 204), body: () => ({}), freshSession: true },
  { method: 'GET', path: '/api/me', expect: allow(SIGNED_IN) },

  // ── administration ──
  { method: 'GET', path: '/api/users', expect: allow(USER_READERS) },
  {
    method: 'POST',
    path: '/api/users',
    expect: allow(ADMIN_A, 201),
    body: () => ({
      email: `invited.${randomUUID().slice(0, 8)}@world.test`,
      displayName: 'Invitée',
      roles: ['social_worker'],
    }),
    writes: ['email', 'displayName', 'roles', 'siteIds', 'teamId'],
  },
  {
    method: 'GET',
    path: '/api/users/:id',
    expect: allowInA(USER_READERS),
    params: (w) => Promise.resolve({ id: w.targetA }),
    foreign: (w) => Promise.resolve({ id: w.targetB }),
  },
  {
    method: 'PATCH',
    path: '/api/users/:id',
    expect: allow(ADMIN_A),
    params: (w) => Promise.resolve({ id: w.targetA }),
    foreign: (w) => Promise.resolve({ id: w.targetB }),
    body: async (_w, t, _p, params) => ({ displayName: 'Renamed', version: await versionOfUser(t, params.id) }),
    writes: ['displayName', 'version'],
  },
  {
    method: 'POST',
    path: '/api/users/:id/roles',
    expect: allow(ADMIN_A),
    params: userParams,
    foreign: foreignUser,
    body: () => ({ roles: ['social_worker'] }),
    writes: ['roles'],
  },
  {
    method: 'POST',
    path: '/api/users/:id/sites',
    expect: allow(ADMIN_A),
    params: userParams,
    foreign: foreignUser,
    body: (w) => ({ siteIds: [w.siteA1] }),
    writes: ['siteIds'],
  },
  {
    method: 'POST',
    path: '/api/users/:id/team',
    expect: allow(ADMIN_A),
    params: userParams,
    foreign: foreignUser,
    body: (w) => ({ teamId: w.teamA1 }),
    writes: ['teamId'],
  },
  {
    method: 'POST',
    path: '/api/users/:id/disable',
    expect: allow(ADMIN_A),
    params: userParams,
    foreign: foreignUser,
    body: () => ({}),
  },
  {
    method: 'POST',
    path: '/api/users/:id/enable',
    expect: allow(ADMIN_A),
    params: userParams,
    foreign: foreignUser,
    body: () => ({}),
  },
  {
    method: 'POST',
    path: '/api/users/:id/reset-link',
    expect: allow(ADMIN_A),
    params: userParams,
    foreign: foreignUser,
    body: () => ({}),
  },
  {
    method: 'POST',
    path: '/api/users/:id/mfa-reset',
    expect: allow(ADMIN_A),
    params: userParams,
    foreign: foreignUser,
    body: () => ({}),
  },

  { method: 'GET', path: '/api/sites', expect: allow(ORGANISATION_READERS) },
  {
    method: 'POST',
    path: '/api/sites',
    expect: allow(ADMIN_A, 201),
    body: () => ({ name: 'New site', code: `N${randomUUID().slice(0, 5)}`.replace(/-/g, ''), departement: '92' }),
    writes: ['name', 'code', 'departement'],
  },
  {
    method: 'PATCH',
    path: '/api/sites/:id',
    expect: allow(ADMIN_A),
    params: (w) => Promise.resolve({ id: w.siteA2 }),
    foreign: (w) => Promise.resolve({ id: w.siteB }),
    body: async (_w, t, _p, params) => ({
      name: `Site A2 ${randomUUID().slice(0, 4)}`,
      version: await versionOf(t, 'site', params.id),
    }),
    writes: ['name', 'departement', 'version'],
  },
  { method: 'GET', path: '/api/teams', expect: allow(ORGANISATION_READERS) },
  {
    method: 'POST',
    path: '/api/teams',
    expect: allow(ADMIN_A, 201),
    body: (w) => ({ name: `Team ${randomUUID().slice(0, 8)}`, siteId: w.siteA2 }),
    writes: ['name', 'siteId'],
  },
  {
    method: 'PATCH',
    path: '/api/teams/:id',
    expect: allow(ADMIN_A),
    params: (w) => Promise.resolve({ id: w.teamA2 }),
    foreign: (w) => Promise.resolve({ id: w.teamB }),
    body: async (_w, t, _p, params) => ({
      name: `Team A2 ${randomUUID().slice(0, 4)}`,
      version: await versionOf(t, 'team', params.id),
    }),
    writes: ['name', 'version'],
  },
  { method: 'GET', path: '/api/settings', expect: allow(ADMIN_A) },
  {
    method: 'PATCH',
    path: '/api/settings',
    expect: (p) => allow(ADMIN_A)(p),
    body: async (w, t) => ({ noContactDays: 30, version: await versionOf(t, 'association', w.associationA) }),
    writes: [
      'mfaRequiredRoles',
      'breakGlassHours',
      'noContactDays',
      'retentionYears',
      'appointmentLeadDays',
      'documentExpiryLeadDays',
      'approvalRenewalLeadMonths',
      'version',
    ],
  },

  { method: 'GET', path: '/api/pathway-settings', expect: allow(ADMIN_A) },
  {
    method: 'PATCH',
    path: '/api/pathway-settings',
    expect: allow(ADMIN_A),
    body: async (w, t) => ({ apsLeadDays: 60, version: await versionOf(t, 'association', w.associationA) }),
    writes: [
      'version',
      'periodMonths',
      'maxPeriods',
      'renewalLeadDays',
      'exitPlanFollowUpMonths',
      'apsLeadDays',
      'appealWindowMonths',
      'appealReminderDays',
      'afisMonthlyCents',
      'afisPerChildCents',
      'deadlineHorizonDays',
    ],
  },

  // ── people ──
  { method: 'GET', path: '/api/persons', expect: allow(CASELOAD), personData: true },
  {
    method: 'POST',
    path: '/api/persons',
    expect: allow(CASELOAD, 201),
    body: () => personInput({ legalName: `Nouvelle ${randomUUID().slice(0, 6)}` }),
    writes: ['siteId', 'status', 'identity', 'safeContact', 'attributes', 'acknowledgeDuplicates'],
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/persons/search',
    expect: allow(CASELOAD),
    body: () => ({ query: 'Testa Fictiva' }),
    writes: ['query'],
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/persons/referent',
    expect: allowInScope(['coordinatorA', 'coordinatorB']),
    body: (w) => ({ referentId: w.users.workerA1, personIds: [w.personA1] }),
    writes: ['referentId', 'personIds'],
    personData: true,
  },
  {
    method: 'GET',
    path: '/api/persons/:id',
    expect: allowInScope(CASELOAD),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    personData: true,
  },
  {
    method: 'PATCH',
    path: '/api/persons/:id',
    expect: allowInScope(CASELOAD),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    body: async (_w, t, _p, params) => ({ status: 'accompanied', version: await versionOf(t, 'person', params.id) }),
    writes: ['version', 'status', 'identity', 'safeContact', 'attributes'],
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/persons/:id/referent',
    expect: allowInScope(['coordinatorA', 'coordinatorB']),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    body: (w) => ({ referentId: w.users.workerA1 }),
    writes: ['referentId'],
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/persons/:id/break-glass',
    // A fresh file of team A1 each time: worker A1 needs no grant there (409), worker A2 opens it.
    expect: (p) => ({ workerA1: 409, workerA2: 200, anonymous: 401 })[p as string] ?? 403,
    params: async (w, t) => ({
      id: (
        await createPerson(t, {
          userId: w.users.workerA1,
          associationId: w.associationA,
          roles: ['social_worker'],
          teamId: w.teamA1,
          siteIds: [],
        })
      ).id,
    }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    body: () => ({ reason: 'Appel urgent de la préfecture, référente absente' }),
    writes: ['reason'],
    personData: true,
  },
  {
    method: 'GET',
    path: '/api/persons/:id/consents',
    expect: allowInScope(CASELOAD),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/persons/:id/consents',
    expect: allowInScope(CASELOAD, 201),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    body: () => ({ purpose: 'processing_notice', given: true }),
    writes: ['purpose', 'given', 'partnerId'],
    personData: true,
  },
  {
    method: 'GET',
    path: '/api/persons/:id/access-log',
    expect: allowInScope(['coordinatorA', 'dpoA', 'coordinatorB']),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    personData: true,
  },

  // ── pathways ──
  {
    method: 'GET',
    path: '/api/persons/:id/pathways',
    expect: allowInScope(CASELOAD),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/persons/:id/pathways',
    // A fresh file of team A1 each time (a person has at most one open pathway of each kind).
    expect: allowInScope(CASELOAD, 201),
    params: async (w, t) => ({
      id: (
        await createPerson(t, {
          userId: w.users.workerA1,
          associationId: w.associationA,
          roles: ['social_worker'],
          teamId: w.teamA1,
          siteIds: [],
        })
      ).id,
    }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    body: (_w, t) => ({ kind: 'support', openedOn: today(t) }),
    writes: ['kind', 'openedOn', 'departement'],
    personData: true,
  },
  {
    method: 'GET',
    path: '/api/persons/:id/rights',
    expect: allowInScope(CASELOAD),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/persons/:id/rights',
    expect: allowInScope(CASELOAD, 201),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    body: (_w, t) => ({ kind: 'employment', status: 'current', situation: 'training', startsOn: today(t) }),
    writes: [
      'kind',
      'status',
      'situation',
      'requestedOn',
      'startsOn',
      'endsOn',
      'receiptUntil',
      'refusalReason',
      'children',
      'decisionEventId',
    ],
    personData: true,
  },
  {
    method: 'PATCH',
    path: '/api/persons/:id/rights/:rightId',
    expect: allowInScope(CASELOAD),
    params: async (w, t) => ({ id: w.personA1, rightId: (await pathwayFixtures(t, w)).rightA1 }),
    foreign: async (w, t) => ({ id: w.personA2, rightId: (await pathwayFixtures(t, w)).rightA2 }),
    foreignAssociation: async (w, t) => ({ id: w.personB, rightId: (await pathwayFixtures(t, w)).rightB }),
    body: async (_w, t, _p, params) => ({
      status: 'current',
      version: await versionOf(t, 'person_right', params.rightId),
    }),
    writes: [
      'version',
      'status',
      'situation',
      'requestedOn',
      'startsOn',
      'endsOn',
      'receiptUntil',
      'refusalReason',
      'children',
      'decisionEventId',
    ],
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/pathways/:id/events',
    // A complaint: accepted in every state, changes none (never a precondition).
    expect: allowInScope(CASELOAD, 201),
    params: async (w, t) => ({ id: (await pathwayFixtures(t, w)).pathwayA1 }),
    foreign: async (w, t) => ({ id: (await pathwayFixtures(t, w)).pathwayA2 }),
    foreignAssociation: async (w, t) => ({ id: (await pathwayFixtures(t, w)).pathwayB }),
    body: (_w, t) => ({ kind: 'complaint', on: today(t) }),
    writes: [
      'kind',
      'on',
      'decisionReference',
      'opinion',
      'commissionSessionId',
      'startsOn',
      'notifiedOn',
      'endReason',
    ],
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/pathways/:id/goals',
    expect: allowInScope(CASELOAD, 201),
    params: async (w, t) => ({ id: (await pathwayFixtures(t, w)).pathwayA1 }),
    foreign: async (w, t) => ({ id: (await pathwayFixtures(t, w)).pathwayA2 }),
    foreignAssociation: async (w, t) => ({ id: (await pathwayFixtures(t, w)).pathwayB }),
    body: () => ({ domain: 'language', title: 'Cours de français', status: 'in_progress' }),
    writes: ['domain', 'title', 'status', 'targetOn', 'outcome'],
    personData: true,
  },
  {
    method: 'PATCH',
    path: '/api/pathways/:id/goals/:goalId',
    expect: allowInScope(CASELOAD),
    params: async (w, t) => {
      const f = await pathwayFixtures(t, w);
      return { id: f.pathwayA1, goalId: f.goalA1 };
    },
    foreign: async (w, t) => {
      const f = await pathwayFixtures(t, w);
      return { id: f.pathwayA2, goalId: f.goalA2 };
    },
    foreignAssociation: async (w, t) => {
      const f = await pathwayFixtures(t, w);
      return { id: f.pathwayB, goalId: f.goalB };
    },
    body: async (_w, t, _p, params) => ({
      status: 'in_progress',
      version: await versionOf(t, 'pathway_goal', params.goalId),
    }),
    writes: ['version', 'title', 'status', 'targetOn', 'outcome'],
    personData: true,
  },
  { method: 'GET', path: '/api/deadlines', expect: allow(CASELOAD), personData: true },
  { method: 'GET', path: '/api/commission-sessions', expect: allow(CASELOAD) },
  {
    method: 'POST',
    path: '/api/commission-sessions',
    expect: allow(CASELOAD, 201),
    body: () => ({ departement: '75', heldOn: nextSessionDay() }),
    writes: ['departement', 'heldOn'],
  },
  {
    method: 'GET',
    path: '/api/commission-sessions/agenda',
    expect: allow(CASELOAD),
    query: { departement: '75' },
    personData: true,
  },
  {
    method: 'GET',
    path: '/api/commission-sessions/:id',
    expect: allowInA(CASELOAD),
    params: async (w, t) => ({ id: (await pathwayFixtures(t, w)).sessionA }),
    foreignAssociation: async (w, t) => ({ id: (await pathwayFixtures(t, w)).sessionB }),
    personData: true,
  },

  // ── reminders and notifications ──
  { method: 'GET', path: '/api/reminders', expect: allow(SIGNED_IN), personData: true },
  { method: 'GET', path: '/api/reminders/overdue', expect: allow(['coordinatorA', 'coordinatorB']), personData: true },
  {
    method: 'POST',
    path: '/api/reminders/:id/done',
    // A fresh reminder of worker A1 each time: nobody else sees it (404, like an unknown id).
    expect: (p) => (p === 'workerA1' ? 200 : p === 'anonymous' ? 401 : 404),
    params: async (w, t) => ({
      id: await createReminder(t, {
        associationId: w.associationA,
        personId: w.personA1,
        siteId: w.siteA1,
        assigneeUserId: w.users.workerA1,
        dueOn: '2026-01-05',
      }),
    }),
    foreignAssociation: async (w, t) => ({
      id: await createReminder(t, { associationId: w.associationB, assigneeRole: 'coordinator', dueOn: '2026-01-05' }),
    }),
    body: () => ({ version: 1 }),
    writes: ['version'],
  },
  {
    method: 'POST',
    path: '/api/reminders/:id/snooze',
    expect: (p) => (p === 'coordinatorA' ? 200 : p === 'anonymous' ? 401 : 404),
    params: async (w, t) => ({
      id: await createReminder(t, {
        associationId: w.associationA,
        personId: w.personA1,
        siteId: w.siteA1,
        assigneeRole: 'coordinator',
        kind: 'retention_review',
        dueOn: '2026-01-05',
      }),
    }),
    foreignAssociation: async (w, t) => ({
      id: await createReminder(t, { associationId: w.associationB, assigneeRole: 'coordinator', dueOn: '2026-01-05' }),
    }),
    body: () => ({ version: 1, until: '2099-01-01' }),
    writes: ['version', 'until'],
  },
  {
    method: 'GET',
    path: '/api/persons/:id/reminders',
    expect: allowInScope(CASELOAD),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    personData: true,
  },
  { method: 'GET', path: '/api/notifications', expect: allow(SIGNED_IN) },
  { method: 'GET', path: '/api/notifications/unread-count', expect: allow(SIGNED_IN) },
  {
    method: 'POST',
    path: '/api/notifications/:id/read',
    // Nobody's notification: 404 for every signed-in user.
    expect: (p) => (p === 'anonymous' ? 401 : 404),
    params: () => Promise.resolve({ id: randomUUID() }),
    body: () => ({}),
  },
  { method: 'POST', path: '/api/notifications/read-all', expect: allow(SIGNED_IN, 204), body: () => ({}) },

  // ── casework: journal ──
  {
    method: 'GET',
    path: '/api/persons/:id/events',
    expect: allowInScope(CASELOAD),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    query: { pageSize: '20' },
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/persons/:id/events',
    expect: allowInScope(CASELOAD, 201),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    body: () => ({ type: 'phone_call', text: 'Appel de suivi', durationMinutes: 10 }),
    writes: [
      'type',
      'accompanimentPlace',
      'occurredAt',
      'durationMinutes',
      'attendees',
      'text',
      'goalId',
      'confidentiality',
    ],
    personData: true,
  },
  {
    method: 'GET',
    path: '/api/persons/:id/deleted-events',
    expect: allow(['dpoA']),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    personData: true,
  },
  {
    method: 'PATCH',
    path: '/api/events/:id',
    // Only the author edits a note: the coordinator reads it (team level) but is told no.
    expect: (p) => (p === 'coordinatorA' ? 403 : allowInScope(CASELOAD)(p)),
    params: async (w, t) => ({ id: (await createEvent(t, actorOf(w, 'workerA1'), w.personA1)).id }),
    foreign: async (w, t) => ({ id: (await createEvent(t, actorOf(w, 'workerA2'), w.personA2)).id }),
    foreignAssociation: async (w, t) => ({ id: (await createEvent(t, actorOf(w, 'coordinatorB'), w.personB)).id }),
    body: () => ({ version: 1, text: 'Entretien de suivi (corrigé)' }),
    writes: [
      'version',
      'type',
      'accompanimentPlace',
      'occurredAt',
      'durationMinutes',
      'attendees',
      'text',
      'goalId',
      'confidentiality',
    ],
    personData: true,
  },
  {
    method: 'DELETE',
    path: '/api/events/:id',
    expect: (p) => (p === 'coordinatorA' ? 403 : allowInScope(CASELOAD, 204)(p)),
    params: async (w, t) => ({ id: (await createEvent(t, actorOf(w, 'workerA1'), w.personA1)).id }),
    foreign: async (w, t) => ({ id: (await createEvent(t, actorOf(w, 'workerA2'), w.personA2)).id }),
    foreignAssociation: async (w, t) => ({ id: (await createEvent(t, actorOf(w, 'coordinatorB'), w.personB)).id }),
    personData: true,
  },
  {
    method: 'GET',
    path: '/api/events/:id/versions',
    expect: allowInScope(CASELOAD),
    params: async (w, t) => ({ id: (await createEvent(t, actorOf(w, 'workerA1'), w.personA1)).id }),
    foreign: async (w, t) => ({ id: (await createEvent(t, actorOf(w, 'workerA2'), w.personA2)).id }),
    foreignAssociation: async (w, t) => ({ id: (await createEvent(t, actorOf(w, 'coordinatorB'), w.personB)).id }),
    personData: true,
  },

  // ── casework: appointments and agenda ──
  {
    method: 'GET',
    path: '/api/persons/:id/appointments',
    expect: allowInScope(CASELOAD),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/persons/:id/appointments',
    expect: allowInScope(CASELOAD, 201),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    body: (_w, t) => ({
      startsAt: new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString(),
      durationMinutes: 90,
      counterpart: 'administration',
      personAttends: true,
      place: 'Préfecture',
      purpose: 'Dépôt du dossier',
    }),
    writes: ['startsAt', 'durationMinutes', 'counterpart', 'personAttends', 'place', 'purpose', 'accompaniedById'],
    personData: true,
  },
  {
    method: 'PATCH',
    path: '/api/appointments/:id',
    expect: allowInScope(CASELOAD),
    params: async (w, t) => ({ id: (await createAppointment(t, actorOf(w, 'workerA1'), w.personA1)).id }),
    foreign: async (w, t) => ({ id: (await createAppointment(t, actorOf(w, 'workerA2'), w.personA2)).id }),
    foreignAssociation: async (w, t) => ({
      id: (await createAppointment(t, actorOf(w, 'coordinatorB'), w.personB)).id,
    }),
    body: () => ({ version: 1, status: 'done' }),
    writes: [
      'version',
      'startsAt',
      'durationMinutes',
      'counterpart',
      'personAttends',
      'place',
      'purpose',
      'accompaniedById',
      'status',
    ],
    personData: true,
  },
  {
    method: 'DELETE',
    path: '/api/appointments/:id',
    expect: allowInScope(CASELOAD, 204),
    params: async (w, t) => ({ id: (await createAppointment(t, actorOf(w, 'workerA1'), w.personA1)).id }),
    foreign: async (w, t) => ({ id: (await createAppointment(t, actorOf(w, 'workerA2'), w.personA2)).id }),
    foreignAssociation: async (w, t) => ({
      id: (await createAppointment(t, actorOf(w, 'coordinatorB'), w.personB)).id,
    }),
    personData: true,
  },
  {
    method: 'GET',
    path: '/api/agenda',
    expect: allow(CASELOAD),
    query: { from: '2026-05-04T00:00:00Z', to: '2026-05-11T00:00:00Z' },
    personData: true,
  },

  // ── documents ──
  {
    method: 'GET',
    path: '/api/persons/:id/documents',
    expect: allowInScope(CASELOAD),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/persons/:id/documents',
    expect: allowInScope(CASELOAD, 201),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    upload: () => ({
      fields: { kind: 'residence_permit', issuedOn: '2026-01-05', expiresOn: '2026-07-04' },
      file: { filename: 'titre.pdf', contentType: 'application/pdf', data: pdfWith('route table') },
    }),
    writes: ['kind', 'issuedOn', 'expiresOn', 'file'],
    personData: true,
  },
  {
    method: 'GET',
    path: '/api/persons/:id/documents/:documentId/content',
    expect: allowInScope(CASELOAD),
    params: (w, t) => documentOn(w, t, 'A1'),
    foreign: (w, t) => documentOn(w, t, 'A2'),
    foreignAssociation: (w, t) => documentOn(w, t, 'B'),
    personData: true,
  },
  {
    method: 'PATCH',
    path: '/api/persons/:id/documents/:documentId',
    expect: allowInScope(CASELOAD),
    params: (w, t) => documentOn(w, t, 'A1'),
    foreign: (w, t) => documentOn(w, t, 'A2'),
    foreignAssociation: (w, t) => documentOn(w, t, 'B'),
    body: async (_w, t, _p, params) => ({
      expiresOn: '2027-03-31',
      version: await versionOf(t, 'document', params.documentId),
    }),
    writes: ['version', 'kind', 'issuedOn', 'expiresOn'],
    personData: true,
  },
  {
    method: 'DELETE',
    path: '/api/persons/:id/documents/:documentId',
    expect: allowInScope(CASELOAD, 204),
    params: (w, t) => documentOn(w, t, 'A1'),
    foreign: (w, t) => documentOn(w, t, 'A2'),
    foreignAssociation: (w, t) => documentOn(w, t, 'B'),
    personData: true,
  },

  // ── partners and referrals ──
  { method: 'GET', path: '/api/partners', expect: allow(PARTNER_READERS) },
  {
    method: 'POST',
    path: '/api/partners',
    expect: allow(PARTNER_MANAGERS, 201),
    body: () => ({ kind: 'health', name: `CeGIDD ${randomUUID().slice(0, 6)}`, phone: '01 40 00 00 00' }),
    writes: ['kind', 'name', 'contactName', 'phone', 'email', 'address'],
  },
  {
    method: 'PATCH',
    path: '/api/partners/:id',
    expect: allowInA(PARTNER_MANAGERS),
    params: async (w, t) => ({ id: await createPartner(t, worker(w, 'coordinatorA')) }),
    foreign: async (w, t) => ({ id: await createPartner(t, worker(w, 'coordinatorB')) }),
    body: async (_w, t, _p, params) => ({ contactName: 'Accueil', version: await versionOf(t, 'partner', params.id) }),
    writes: ['version', 'kind', 'name', 'contactName', 'phone', 'email', 'address', 'active'],
  },
  {
    method: 'GET',
    path: '/api/persons/:id/referrals',
    expect: allowInScope(CASELOAD),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    personData: true,
  },
  {
    method: 'POST',
    path: '/api/persons/:id/referrals',
    expect: allowInScope(CASELOAD, 201),
    params: (w) => Promise.resolve({ id: w.personA1 }),
    foreign: (w) => Promise.resolve({ id: w.personA2 }),
    foreignAssociation: (w) => Promise.resolve({ id: w.personB }),
    // A pseudonymous referral to a fresh partner, covered by a consent to pseudonymous referrals.
    body: async (w, t) => {
      const partnerId = await createPartner(t, worker(w, 'coordinatorA'), 'health');
      await recordConsent(t, worker(w, 'workerA1'), w.personA1, 'share_pseudonymous');
      return {
        partnerId,
        reason: 'Bilan de santé',
        referredOn: '2026-02-01',
        followUpOn: '2026-03-01',
        sharedCategories: ['health'],
        pseudonymous: true,
      };
    },
    writes: ['partnerId', 'reason', 'referredOn', 'outcome', 'followUpOn', 'sharedCategories', 'pseudonymous'],
    personData: true,
  },
  {
    method: 'PATCH',
    path: '/api/persons/:id/referrals/:referralId',
    expect: allowInScope(CASELOAD),
    params: (w, t) => referralOn(w, t, 'A1'),
    foreign: (w, t) => referralOn(w, t, 'A2'),
    foreignAssociation: (w, t) => referralOn(w, t, 'B'),
    body: async (_w, t, _p, params) => ({
      outcome: 'accepted',
      version: await versionOf(t, 'referral', params.referralId),
    }),
    writes: ['version', 'outcome', 'followUpOn'],
    personData: true,
  },

  // ── outreach ──
  { method: 'GET', path: '/api/outreach-sessions', expect: allow(OUTREACH) },
  { method: 'GET', path: '/api/outreach-sessions/options', expect: allow(OUTREACH) },
  {
    method: 'POST',
    path: '/api/outreach-sessions',
    expect: allow(OUTREACH, 201),
    body: (w, _t, p) => outreachBody(w, p),
    writes: ['siteId', 'heldOn', 'placeKind', 'channel', 'durationMinutes', 'teamMemberIds', 'tallies'],
  },

  // ── jobs ──
  { method: 'GET', path: '/api/jobs/failed', expect: allow(ADMIN_A) },
  {
    method: 'POST',
    path: '/api/jobs/:id/retry',
    // No failed job of that id in the association: 404 for the admin, refused for the others.
    expect: (p) => (p === 'adminA' ? 404 : p === 'anonymous' ? 401 : 403),
    params: () => Promise.resolve({ id: randomUUID() }),
    body: () => ({}),
  },

  // ── audit ──
  { method: 'GET', path: '/api/audit', expect: allow(['dpoA']), query: { pageSize: '20' } },
  { method: 'GET', path: '/api/audit/export', expect: allow(['dpoA']) },
  { method: 'GET', path: '/api/audit/verify', expect: allow(['dpoA']) },
  { method: 'GET', path: '/api/audit/account-events', expect: allow(ADMIN_A) },
  { method: 'GET', path: '/api/break-glass-grants', expect: allow(['dpoA']) },
  {
    method: 'POST',
    path: '/api/break-glass-grants/:id/review',
    expect: (p) => (p === 'dpoA' ? 404 : p === 'anonymous' ? 401 : 403),
    params: () => Promise.resolve({ id: randomUUID() }),
    body: () => ({}),
  },
];

export { IN_ASSOCIATION_A };
