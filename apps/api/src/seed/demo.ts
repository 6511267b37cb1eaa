import { BreakGlassService, OrganisationService, Site, TeamMember } from '@app/access';
import { AuditService } from '@app/audit';
import { UserAccount } from '@app/auth';
import { Role, type Gender, type NationalityGroup, type PartnerKind, type PersonStatus } from '@app/contracts';
import { OutreachService, OutreachSession } from '@app/outreach';
import { Partner, PartnersService } from '@app/partners';
import { PeopleService, Person } from '@app/people';
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
  const people = new PeopleService(
    new FieldCipher(keys),
    keys,
    new AuditService(keys, owner),
    new BreakGlassService(keys, organisation),
  );
  const p = new Provisioning(owner, keys);
  const associationId = await p.associationId(DEMO);
  const tx = <T>(actor: Actor | undefined, work: (ctx: RequestContext) => Promise<T>) =>
    inTransaction(owner, { requestId: 'seed-demo', now, associationId, actor }, work);
  const existing = await tx(undefined, (ctx) => ctx.repo(Person).count());
  if (existing > 0) return 0;
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
  );
  const partners = new PartnersService(people, new FieldCipher(keys), audit);
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
