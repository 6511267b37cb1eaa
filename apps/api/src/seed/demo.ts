import { BreakGlassService, OrganisationService, Site, TeamMember } from '@app/access';
import { AuditService } from '@app/audit';
import { CaseworkService, JournalEvent } from '@app/casework';
import { UserAccount } from '@app/auth';
import {
  Role,
  type Gender,
  type JournalEventType,
  type NationalityGroup,
  type PartnerKind,
  type PersonStatus,
} from '@app/contracts';
import { OutreachService, OutreachSession } from '@app/outreach';
import { Partner, PartnersService } from '@app/partners';
import {
  parisToday,
  Pathway,
  PathwaysService,
  periodEnd,
  plusDays,
  plusMonths,
  type NewPathwayEvent,
} from '@app/pathways';
import { PeopleService, Person } from '@app/people';
import { RemindersService } from '@app/reminders';
import {
  BUSINESS_TIME_ZONE,
  FieldCipher,
  inTransaction,
  type Actor,
  type Keys,
  type RequestContext,
} from '@app/platform';
import { TZDate } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Provisioning } from '../provisioning';

const DEMO = 'Association Démo';
const EXEMPLE = 'Association Exemple';
const HORIZON = 'Association Horizon';
const FUNDER = 'Fondation Démo';

interface DemoAccount {
  email: string;
  displayName: string;
  association: string | null;
  roles: Role[];
  team?: string;
}

/** DESIGN.md "Demo data": accounts on the reserved `.test` domain, visibly fictitious. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'worker1@demo.envol.test',
    displayName: 'Camille Démo',
    association: DEMO,
    roles: [Role.SocialWorker],
    team: 'Équipe Belleville',
  },
  {
    email: 'worker2@demo.envol.test',
    displayName: 'Sacha Démo',
    association: DEMO,
    roles: [Role.SocialWorker],
    team: 'Équipe Goutte-d’Or',
  },
  { email: 'volunteer@demo.envol.test', displayName: 'Alex Démo', association: DEMO, roles: [Role.OutreachVolunteer] },
  { email: 'coordinator@demo.envol.test', displayName: 'Dominique Démo', association: DEMO, roles: [Role.Coordinator] },
  { email: 'admin@demo.envol.test', displayName: 'Claude Démo', association: DEMO, roles: [Role.Admin] },
  { email: 'dpo@demo.envol.test', displayName: 'Morgan Démo', association: DEMO, roles: [Role.Dpo] },
  { email: 'funder@demo.envol.test', displayName: 'Fondation Démo (lecture)', association: null, roles: [Role.Funder] },
  {
    email: 'coordinator@exemple.envol.test',
    displayName: 'Noa Exemple',
    association: EXEMPLE,
    roles: [Role.Coordinator],
  },
];

/** DEMO_PASSWORD when set; else one generated at the first start and kept (0600) in the Envol home. */
export function demoPassword(home: string, configured: string | undefined): string {
  if (configured) return configured;
  const path = join(home, 'demo-password');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const generated = `demo-${randomBytes(9).toString('base64url')}`;
  writeFileSync(path, `${generated}\n`, { mode: 0o600 });
  return generated;
}

/**
 * Idempotent: creates what is missing and leaves what exists (a changed password stays changed),
 * so it runs at every embedded start and new demo content appears after upgrades.
 */
export async function seedDemo(owner: DataSource, keys: Keys, password: string, baseUrl: string): Promise<number> {
  const p = new Provisioning(owner, keys);
  await p.createAssociation({
    name: DEMO,
    departements: ['75', '93'],
    approvalGrantedOn: '2024-09-01',
    approvalExpiresOn: '2027-09-01',
  });
  await p.createSite(DEMO, { name: 'Paris', code: 'PAR', departement: '75' });
  await p.createSite(DEMO, { name: 'Seine-Saint-Denis', code: 'SSD', departement: '93' });
  const teams: Record<string, string> = {
    'Équipe Belleville': (await p.createTeam(DEMO, 'PAR', 'Équipe Belleville')).id,
    'Équipe Goutte-d’Or': (await p.createTeam(DEMO, 'PAR', 'Équipe Goutte-d’Or')).id,
  };
  await p.createTeam(DEMO, 'SSD', 'Équipe Saint-Denis');

  await p.createAssociation({
    name: EXEMPLE,
    departements: ['69'],
    approvalGrantedOn: '2025-03-15',
    approvalExpiresOn: '2028-03-15',
  });
  await p.createSite(EXEMPLE, { name: 'Lyon', code: 'LYO', departement: '69' });
  await p.createTeam(EXEMPLE, 'LYO', 'Équipe Guillotière');

  await p.createAssociation({
    name: HORIZON,
    departements: ['13'],
    approvalGrantedOn: '2023-11-01',
    approvalExpiresOn: '2026-11-01',
  });
  await p.createSite(HORIZON, { name: 'Marseille', code: 'MRS', departement: '13' });
  await p.createTeam(HORIZON, 'MRS', 'Équipe Belsunce');

  await p.createFunder(FUNDER);
  for (const association of [DEMO, EXEMPLE, HORIZON]) await p.createAgreement(FUNDER, association, '2026-01-01');

  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const outcome = account.association
      ? await p.createMember(
          account.association,
          {
            email: account.email,
            displayName: account.displayName,
            roles: account.roles,
            teamId: account.team ? teams[account.team] : null,
          },
          baseUrl,
        )
      : await p.createFunderMember(FUNDER, { email: account.email, displayName: account.displayName }, baseUrl);
    if (outcome.created) {
      await p.setPassword(outcome.userId, password);
      created += 1;
    }
  }
  return created;
}

/** Visibly fictitious files ("Démo" in every name), spread over statuses, teams and sites. */
const DEMO_PEOPLE: {
  name: string;
  used?: string;
  birth: string;
  status: PersonStatus;
  gender: Gender;
  origin: NationalityGroup;
  lang: string;
  team: 'Équipe Belleville' | 'Équipe Goutte-d’Or';
}[] = [
  {
    name: 'Amina Démo-Diallo',
    birth: '1996-03-14',
    status: 'accompanied',
    gender: 'woman',
    origin: 'sub_saharan_africa',
    lang: 'fr',
    team: 'Équipe Belleville',
  },
  {
    name: 'Blessing Démo-Okafor',
    used: 'Joy Démo',
    birth: '1999-11-02',
    status: 'accompanied',
    gender: 'woman',
    origin: 'sub_saharan_africa',
    lang: 'en',
    team: 'Équipe Belleville',
  },
  {
    name: 'Irina Démo-Petrova',
    birth: '1991-07-21',
    status: 'contact',
    gender: 'woman',
    origin: 'eastern_europe',
    lang: 'ru',
    team: 'Équipe Belleville',
  },
  {
    name: 'Lucía Démo-Ramírez',
    birth: '1988-01-30',
    status: 'accompanied',
    gender: 'trans_woman',
    origin: 'south_america',
    lang: 'es',
    team: 'Équipe Belleville',
  },
  {
    name: 'Mei Démo-Lin',
    birth: '1985-05-09',
    status: 'contact',
    gender: 'woman',
    origin: 'china',
    lang: 'zh',
    team: 'Équipe Belleville',
  },
  {
    name: 'Sophie Démo-Martin',
    birth: '2001-09-17',
    status: 'closed',
    gender: 'woman',
    origin: 'france',
    lang: 'fr',
    team: 'Équipe Belleville',
  },
  {
    name: 'Grace Démo-Eze',
    birth: '2008-12-03',
    status: 'contact',
    gender: 'woman',
    origin: 'sub_saharan_africa',
    lang: 'en',
    team: 'Équipe Goutte-d’Or',
  },
  {
    name: 'Elena Démo-Ionescu',
    birth: '1993-04-26',
    status: 'accompanied',
    gender: 'woman',
    origin: 'eastern_europe',
    lang: 'ro',
    team: 'Équipe Goutte-d’Or',
  },
  {
    name: 'Karim Démo-Benali',
    birth: '1997-08-11',
    status: 'contact',
    gender: 'man',
    origin: 'north_africa',
    lang: 'ar',
    team: 'Équipe Goutte-d’Or',
  },
  {
    name: 'Fatou Démo-Sow',
    birth: '1990-02-19',
    status: 'accompanied',
    gender: 'woman',
    origin: 'sub_saharan_africa',
    lang: 'fr',
    team: 'Équipe Goutte-d’Or',
  },
];

/** The demo caseload, once: created only while the demo association has no file at all. */
export async function seedDemoPeople(owner: DataSource, keys: Keys, now: Date): Promise<number> {
  const organisation = new OrganisationService();
  const cipher = new FieldCipher(keys);
  const people = new PeopleService(
    cipher,
    keys,
    new AuditService(keys, owner),
    new BreakGlassService(keys, organisation),
    new RemindersService(cipher),
  );
  const p = new Provisioning(owner, keys);
  const associationId = await p.associationId(DEMO);
  const tx = <T>(actor: Actor | undefined, work: (ctx: RequestContext) => Promise<T>) =>
    inTransaction(owner, { requestId: 'seed-demo', now, associationId, actor }, work);
  const existing = await tx(undefined, (ctx) => ctx.repo(Person).count());
  if (existing > 0) {
    await seedDemoPathways(owner, keys, now);
    return 0;
  }
  const workers = await tx(undefined, async (ctx) => {
    const byEmail = new Map<string, { userId: string; teamId: string | null }>();
    for (const email of ['worker1@demo.envol.test', 'worker2@demo.envol.test']) {
      const account = await ctx.repo(UserAccount).findOneByOrFail({ emailNormalised: email });
      const team = await ctx.repo(TeamMember).findOne({ where: { userId: account.id } });
      byEmail.set(email, { userId: account.id, teamId: team?.teamId ?? null });
    }
    return byEmail;
  });
  let created = 0;
  for (const [i, demo] of DEMO_PEOPLE.entries()) {
    const worker = workers.get(
      demo.team === 'Équipe Belleville' ? 'worker1@demo.envol.test' : 'worker2@demo.envol.test',
    )!;
    const actor: Actor = {
      userId: worker.userId,
      associationId,
      roles: [Role.SocialWorker],
      teamId: worker.teamId,
      siteIds: [],
    };
    await tx(actor, (ctx) =>
      people.create(ctx, {
        status: demo.status,
        acknowledgeDuplicates: true,
        identity: {
          legalName: demo.name,
          usedName: demo.used ?? null,
          aliases: [],
          birthDate: demo.birth,
          phones: [`06 00 00 00 ${String(10 + i)}`],
          email: null,
          address: null,
          verification: i % 3 === 0 ? 'verified' : 'unverified',
          documents: [{ kind: 'passport', held: i % 2 === 0 }],
        },
        safeContact: {
          channel: 'sms',
          hours: 'après 14 h',
          neverCall: i % 4 === 1,
          codeWord: null,
          lettersAllowed: false,
        },
        attributes: {
          birthYear: null,
          gender: demo.gender,
          nationalityGroup: demo.origin,
          languages: [demo.lang],
          departement: '75',
        },
      }),
    );
    created += 1;
  }
  await seedDemoPathways(owner, keys, now);
  return created;
}

/**
 * PSPs in several states on the demo files, dated relative to today: period 2 with AFIS and an APS
 * about to expire, a request waiting for the commission, period 4 (exit plan), a refusal in its
 * appeal window, one completed after 24 months, one in preparation, and a general support.
 * Once: only while the demo association has no pathway.
 */
export async function seedDemoPathways(owner: DataSource, keys: Keys, now: Date): Promise<number> {
  const pathways = new PathwaysService(
    new FieldCipher(keys),
    new AuditService(keys, owner),
    new RemindersService(new FieldCipher(keys)),
  );
  const associationId = await new Provisioning(owner, keys).associationId(DEMO);
  const tx = <T>(actor: Actor | undefined, work: (ctx: RequestContext) => Promise<T>) =>
    inTransaction(owner, { requestId: 'seed-demo', now, associationId, actor }, work);
  if ((await tx(undefined, (ctx) => ctx.repo(Pathway).count())) > 0) return 0;
  const files = await tx(undefined, (ctx) => ctx.repo(Person).find({ order: { fileNumber: 'ASC' } }));
  if (files.length < DEMO_PEOPLE.length) return 0;
  const today = parisToday(now);
  const actorOf = (person: Person): Actor => ({
    userId: person.referentId ?? '',
    associationId,
    roles: [Role.SocialWorker],
    teamId: person.teamId,
    siteIds: [],
  });
  const steps = (person: Person, opened: string, events: NewPathwayEvent[]) =>
    tx(actorOf(person), async (ctx) => {
      const p = await pathways.open(ctx, person.id, { kind: 'psp', openedOn: opened });
      for (const event of events) await pathways.record(ctx, p.id, event);
      return p.id;
    });
  /** Request, opinion and authorisation with period 1 from `start`, then `renewals` contiguous renewals. */
  const granted = (start: string, renewals: number): NewPathwayEvent[] => {
    const events: NewPathwayEvent[] = [
      { kind: 'submit', on: plusDays(start, -50) },
      { kind: 'opinion', on: plusDays(start, -20), opinion: 'favourable' },
      { kind: 'authorise', on: plusDays(start, -10), startsOn: start, decisionReference: 'DEMO-75-001' },
    ];
    let end = periodEnd(start, 6);
    for (let n = 0; n < renewals; n++) {
      events.push(
        { kind: 'submit_renewal', on: plusDays(end, -60) },
        { kind: 'opinion', on: plusDays(end, -30), opinion: 'favourable' },
        { kind: 'authorise', on: plusDays(end, -10), decisionReference: `DEMO-75-00${n + 2}` },
      );
      end = periodEnd(plusDays(end, 1), 6);
    }
    return events;
  };
  const [amina, blessing, irina, lucia, , sophie, , elena, , fatou] = files;

  const period2 = plusMonths(today, -8);
  await steps(amina, plusDays(period2, -60), granted(period2, 1));
  await tx(actorOf(amina), async (ctx) => {
    await pathways.addRight(ctx, amina.id, {
      kind: 'housing',
      status: 'current',
      situation: 'chrs',
      startsOn: period2,
    });
    await pathways.addRight(ctx, amina.id, {
      kind: 'income_support',
      status: 'granted',
      requestedOn: plusDays(period2, -5),
      children: 1,
    });
    await pathways.addRight(ctx, amina.id, {
      kind: 'residence_permit',
      status: 'issued',
      startsOn: plusMonths(period2, -6),
      endsOn: plusDays(today, 45),
    });
    const [p] = await pathways.list(ctx, amina.id);
    await pathways.addGoal(ctx, p.id, { domain: 'language', title: 'Cours de français (A2)', status: 'in_progress' });
    await pathways.addGoal(ctx, p.id, { domain: 'housing', title: 'Dossier SIAO pour un logement', status: 'planned' });
    await pathways.addGoal(ctx, p.id, { domain: 'health', title: 'Ouverture des droits PUMa', status: 'achieved' });
  });

  await steps(blessing, plusDays(today, -40), [{ kind: 'submit', on: plusDays(today, -30) }]);
  await tx(actorOf(irina), (ctx) => pathways.open(ctx, irina.id, { kind: 'support', openedOn: plusDays(today, -200) }));

  const period4 = plusMonths(today, -19);
  await steps(lucia, plusDays(period4, -60), granted(period4, 3));

  await steps(sophie, plusDays(today, -5), []);

  const past = await tx(actorOf(elena), (ctx) =>
    pathways.createSession(ctx, { departement: '75', heldOn: plusDays(today, -30) }),
  );
  await tx(actorOf(elena), (ctx) => pathways.createSession(ctx, { departement: '75', heldOn: plusDays(today, 20) }));
  await steps(elena, plusDays(today, -90), [
    { kind: 'submit', on: plusDays(today, -80) },
    { kind: 'opinion', on: plusDays(today, -30), opinion: 'unfavourable', commissionSessionId: past.id },
    { kind: 'refuse', on: plusDays(today, -15), notifiedOn: plusDays(today, -10), decisionReference: 'DEMO-75-R01' },
  ]);

  const completed = plusMonths(today, -26);
  const done = granted(completed, 3);
  done.push({ kind: 'end', on: periodEnd(plusMonths(completed, 18), 6), endReason: 'completed_24_months' });
  await steps(fatou, plusDays(completed, -60), done);
  return 7;
}

/** A few notes per demo file, visibly fictitious, spread over the types and the last weeks. */
const DEMO_NOTES: readonly { type: JournalEventType; daysAgo: number; text: string; minutes: number }[] = [
  {
    type: 'interview',
    daysAgo: 21,
    minutes: 60,
    text: 'Premier entretien (démo) : présentation de l’association et des droits.',
  },
  {
    type: 'administrative_step',
    daysAgo: 14,
    minutes: 30,
    text: 'Démarche (démo) : demande de domiciliation envoyée.',
  },
  {
    type: 'accompaniment',
    daysAgo: 7,
    minutes: 120,
    text: 'Accompagnement (démo) à la préfecture pour le dépôt du dossier.',
  },
  {
    type: 'phone_call',
    daysAgo: 2,
    minutes: 10,
    text: 'Appel (démo) : rendez-vous confirmé pour la semaine prochaine.',
  },
];

/**
 * Demo journal events and appointments, once: added while the demo association has no journal
 * event at all, so that a database seeded before this feature gets them at its next start.
 */
export async function seedDemoCasework(
  owner: DataSource,
  keys: Keys,
  now: Date,
): Promise<{ events: number; appointments: number }> {
  const organisation = new OrganisationService();
  const audit = new AuditService(keys, owner);
  const cipher = new FieldCipher(keys);
  const people = new PeopleService(
    cipher,
    keys,
    audit,
    new BreakGlassService(keys, organisation),
    new RemindersService(cipher),
  );
  const casework = new CaseworkService(cipher, audit, people, new RemindersService(cipher));
  const p = new Provisioning(owner, keys);
  const associationId = await p.associationId(DEMO);
  const tx = <T>(actor: Actor | undefined, at: Date, work: (ctx: RequestContext) => Promise<T>) =>
    inTransaction(owner, { requestId: 'seed-demo', now: at, associationId, actor }, work);
  const created = { events: 0, appointments: 0 };
  if ((await tx(undefined, now, (ctx) => ctx.repo(JournalEvent).count())) > 0) return created;
  const files = await tx(undefined, now, (ctx) =>
    ctx
      .repo(Person)
      .find({ order: { fileNumber: 'ASC' }, select: { id: true, referentId: true, teamId: true, status: true } }),
  );
  for (const [i, file] of files.entries()) {
    if (!file.referentId || file.status === 'closed') continue;
    const actor: Actor = {
      userId: file.referentId,
      associationId,
      roles: [Role.SocialWorker],
      teamId: file.teamId,
      siteIds: [],
    };
    for (const [n, note] of DEMO_NOTES.entries()) {
      if ((i + n) % 3 === 2) continue; // not every file has every kind of note
      const at = new Date(now.getTime() - (note.daysAgo + (i % 3)) * 86_400_000);
      await tx(actor, now, (ctx) =>
        casework.logEvent(ctx, file.id, {
          type: note.type,
          accompanimentPlace: note.type === 'accompaniment' ? 'prefecture' : null,
          occurredAt: at,
          durationMinutes: note.minutes,
          text: note.text,
          confidentiality: n === 0 && i % 4 === 0 ? 'referent' : 'team',
        }),
      );
      created.events += 1;
    }
    // An appointment in the coming days at 10:00 or 14:30 (Paris, winter or summer: about right).
    const day = new Date(now.getTime() + ((i % 5) + 1) * 86_400_000);
    day.setUTCHours(i % 2 ? 8 : 12, i % 2 ? 0 : 30, 0, 0);
    await tx(actor, now, (ctx) =>
      casework.planAppointment(ctx, file.id, {
        startsAt: day,
        durationMinutes: i % 2 ? 60 : 90,
        counterpart: i % 3 === 0 ? 'administration' : 'person',
        personAttends: true,
        place: i % 3 === 0 ? 'Préfecture (démo)' : 'Local de l’association (démo)',
        purpose: i % 3 === 0 ? 'Dépôt de la demande (démo)' : 'Point de suivi (démo)',
      }),
    );
    created.appointments += 1;
  }
  return created;
}

/** The demo association's partners directory (fictitious contact details). */
const DEMO_PARTNERS: { kind: PartnerKind; name: string; phone?: string; email?: string; address?: string }[] = [
  { kind: 'housing', name: 'SIAO 75 (démo)', phone: '115', address: 'Paris' },
  { kind: 'health', name: 'CeGIDD Démo', phone: '01 00 00 00 01', email: 'cegidd@demo.envol.test' },
  { kind: 'employment', name: 'France Travail — agence démo', phone: '39 49' },
  { kind: 'training', name: 'Organisme de formation démo', email: 'formation@demo.envol.test' },
  { kind: 'legal', name: 'Permanence juridique démo', email: 'juridique@demo.envol.test' },
  { kind: 'residence', name: 'Préfecture de police — bureau des étrangers (démo)', address: 'Paris' },
  { kind: 'income', name: 'MSA Île-de-France (démo)', phone: '01 00 00 00 02' },
  { kind: 'child_protection', name: 'CRIP 75 (démo)', phone: '01 00 00 00 03' },
];

/**
 * The demo partners and two outreach sessions, once each: created while the demo association has
 * none. Sessions are dated relative to `now` (last week and yesterday).
 */
export async function seedDemoPartners(owner: DataSource, keys: Keys, now: Date): Promise<number> {
  const audit = new AuditService(keys, owner);
  const people = new PeopleService(
    new FieldCipher(keys),
    keys,
    audit,
    new BreakGlassService(keys, new OrganisationService()),
    new RemindersService(new FieldCipher(keys)),
  );
  const partners = new PartnersService(
    people,
    new FieldCipher(keys),
    audit,
    new CaseworkService(new FieldCipher(keys), audit, people, new RemindersService(new FieldCipher(keys))),
    new RemindersService(new FieldCipher(keys)),
  );
  const outreach = new OutreachService(audit);
  const p = new Provisioning(owner, keys);
  const associationId = await p.associationId(DEMO);
  const tx = <T>(actor: Actor | undefined, work: (ctx: RequestContext) => Promise<T>) =>
    inTransaction(owner, { requestId: 'seed-demo', now, associationId, actor }, work);
  let created = 0;
  if ((await tx(undefined, (ctx) => ctx.repo(Partner).count())) === 0) {
    for (const partner of DEMO_PARTNERS) {
      await tx(undefined, (ctx) => partners.createPartner(ctx, partner));
      created += 1;
    }
  }
  if ((await tx(undefined, (ctx) => ctx.repo(OutreachSession).count())) === 0) {
    const ids = await tx(undefined, async (ctx) => {
      const find = (email: string) => ctx.repo(UserAccount).findOneByOrFail({ emailNormalised: email });
      const site = await ctx.repo(Site).findOneByOrFail({ associationId, code: 'PAR' });
      return {
        volunteer: (await find('volunteer@demo.envol.test')).id,
        worker: (await find('worker1@demo.envol.test')).id,
        site: site.id,
      };
    });
    const actor: Actor = { userId: ids.volunteer, associationId, roles: [Role.OutreachVolunteer], siteIds: [] };
    const day = (offset: number) => format(addDays(new TZDate(now, BUSINESS_TIME_ZONE), offset), 'yyyy-MM-dd');
    await tx(actor, (ctx) =>
      outreach.create(ctx, {
        siteId: ids.site,
        heldOn: day(-7),
        placeKind: 'woods',
        durationMinutes: 180,
        teamMemberIds: [ids.worker],
        tallies: {
          peopleMet: 9,
          newContacts: 2,
          gender: { women: 7, trans: 2 },
          firstLanguage: { ro: 3, bg: 2, es: 2, fr: 2 },
          materials: { condoms: 120, lubricant: 40, leaflets: 9, hygiene_kits: 4 },
          orientations: { health: 3, legal: 1 },
        },
      }),
    );
    await tx(actor, (ctx) =>
      outreach.create(ctx, {
        siteId: ids.site,
        heldOn: day(-1),
        placeKind: 'online',
        channel: 'escort_sites',
        durationMinutes: 120,
        teamMemberIds: [],
        tallies: {
          peopleMet: 14,
          newContacts: 5,
          gender: { women: 12, unknown: 2 },
          firstLanguage: { zh: 6, es: 4, fr: 4 },
          materials: {},
          orientations: { health: 2, housing: 1 },
        },
      }),
    );
    created += 2;
  }
  return created;
}
