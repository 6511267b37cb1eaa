import { AuthSettings, hashPassword } from '@app/auth';
import {
  PARTNER_KINDS,
  type PartnerKind,
  CONSENT_PURPOSES,
  Role,
  type ConsentPurpose,
  type Gender,
  type NationalityGroup,
  type PersonIdentity,
  type PersonStatus,
  type SafeContact,
} from '@app/contracts';
import { formatFileNumber } from '@app/people';
import {
  blindTokens,
  blindValue,
  FieldCipher,
  inTransaction,
  normalisePhone,
  type Keys,
  type RequestContext,
} from '@app/platform';
import { parisToday } from '@app/pathways';
import type { DocumentStorage } from '@app/documents';
import type { DataSource } from 'typeorm';
import { Provisioning } from '../provisioning';
import {
  drawAppointments,
  drawEvents,
  insertCasework,
  insertPersonReminders,
  seedPathways,
  type AppointmentRow,
  type EventRow,
} from './synthetic-casework';
import {
  drawDocuments,
  drawReferral,
  insertDocuments,
  insertReferrals,
  type DocumentPlan,
  type ReferralPlan,
  type SyntheticPartner,
} from './synthetic-documents';

/**
 * Synthetic data at scale for benchmarks and growth runs: associations with
 * sites, teams and staff, and persons with real encryption and blind indexes, written in bulk. The
 * data itself (names, dates, ids, distributions) is deterministic for a given seed; ciphertexts are
 * not (every value has a random IV). Never for a production database: every name it writes is
 * invented, and every account shares one password.
 */
export interface SyntheticOptions {
  associations: number;
  persons: number;
  seed: number;
  password: string;
  /** Persons per INSERT (and per transaction). */
  batchSize?: number;
  /** Journal events per person (each with its version 1); 0 by default. */
  eventsPerPerson?: number;
  /** Share of the persons with a pathway (support or PSP, every state), written through the pathways service. */
  pathwayShare?: number;
  /**
   * The documents' storage folder, the one the API reads (`STORAGE_DIR`): documents are seeded only
   * with it (the benchmarks seed none).
   */
  storage?: DocumentStorage;
  /** Share of the persons with one or two documents (10 % by default; with `storage` only). */
  documentShare?: number;
  /** Share of the persons with a referral to a partner, and the consent that covers it (5 % by default). */
  referralShare?: number;
  now?: Date;
  say?: (line: string) => void;
}

export interface SyntheticResult {
  associations: SyntheticAssociation[];
  persons: number;
  rows: number;
  /** Rows by table group, for the summary line. */
  counts: SyntheticCounts;
  seconds: number;
}

export interface SyntheticAssociation {
  id: string;
  name: string;
  sites: { id: string; code: string; departement: string; teams: string[] }[];
  /** One coordinator per site (scope: that site), then the admin. */
  coordinators: { email: string; siteId: string }[];
  workers: { email: string; userId: string; teamId: string; siteId: string }[];
  /** The partner directory: one partner of each kind. */
  partners: SyntheticPartner[];
  persons: number;
}

export interface SyntheticCounts {
  persons: number;
  events: number;
  appointments: number;
  reminders: number;
  pathways: number;
  documents: number;
  referrals: number;
}

/** mulberry32: small, fast, good enough to spread synthetic data; deterministic per seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A version-4-shaped UUID drawn from this generator (deterministic ids for a given seed). */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++)
      hex.push(
        Math.floor(this.next() * 2 ** 32)
          .toString(16)
          .padStart(8, '0'),
      );
    const h = hex.join('');
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** The field's mix (domain/psp.md P12, MIPROF survey): mostly sub-Saharan Africa and Eastern Europe. */
const ORIGINS: Readonly<Record<NationalityGroup, number>> = {
  sub_saharan_africa: 40,
  eastern_europe: 17,
  south_america: 12,
  china: 11,
  france: 10,
  north_africa: 4,
  european_union: 2,
  other_asia: 2,
  other: 1,
  not_stated: 1,
};

const NAMES: Readonly<Record<NationalityGroup, { first: string[]; last: string[]; languages: string[] }>> = {
  sub_saharan_africa: {
    first: ['Blessing', 'Joy', 'Precious', 'Favour', 'Gift', 'Mercy', 'Esther', 'Aminata', 'Fatoumata', 'Awa'],
    last: ['Okafor', 'Eze', 'Adeyemi', 'Okonkwo', 'Osagie', 'Igbinedion', 'Edosa', 'Diallo', 'Traoré', 'Koné'],
    languages: ['en', 'fr', 'pcm', 'bin', 'yo'],
  },
  eastern_europe: {
    first: ['Irina', 'Elena', 'Ioana', 'Natalia', 'Olga', 'Svetlana', 'Daria', 'Kateryna', 'Andreea', 'Mihaela'],
    last: ['Popescu', 'Ionescu', 'Dumitru', 'Petrova', 'Ivanova', 'Kovalenko', 'Shevchenko', 'Nowak', 'Horvat'],
    languages: ['ro', 'bg', 'ru', 'uk', 'hu'],
  },
  south_america: {
    first: ['Lucía', 'Camila', 'Valentina', 'Daniela', 'Gabriela', 'Fernanda', 'Juliana', 'Carolina', 'Paola'],
    last: ['Rodríguez', 'González', 'Silva', 'Santos', 'Oliveira', 'Pérez', 'Gómez', 'Ramírez', 'Torres', 'Lima'],
    languages: ['es', 'pt'],
  },
  china: {
    first: ['Mei', 'Xiu', 'Hui', 'Yan', 'Ling', 'Fang', 'Jing', 'Ying', 'Xiaoli', 'Lan'],
    last: ['Wang', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Lin'],
    languages: ['zh'],
  },
  france: {
    first: ['Marie', 'Julie', 'Camille', 'Léa', 'Manon', 'Sarah', 'Chloé', 'Inès', 'Laura', 'Céline'],
    last: ['Martin', 'Bernard', 'Dubois', 'Durand', 'Leroy', 'Moreau', 'Lefebvre', 'Fournier', 'Girard', 'Roux'],
    languages: ['fr'],
  },
  north_africa: {
    first: ['Fatima', 'Khadija', 'Samira', 'Yasmina', 'Nadia', 'Leila', 'Amel'],
    last: ['Benali', 'El Amrani', 'Haddad', 'Mansouri', 'Bouzid', 'Cherif'],
    languages: ['ar', 'fr'],
  },
  european_union: {
    first: ['Anna', 'Sofia', 'Giulia', 'Marta', 'Eva', 'Laura'],
    last: ['Rossi', 'Müller', 'Fernández', 'Kowalska', 'Novak', 'Papadopoulou'],
    languages: ['it', 'de', 'es', 'pl'],
  },
  other_asia: {
    first: ['Siti', 'Maya', 'Linh', 'Anh', 'Rina', 'Priya'],
    last: ['Nguyen', 'Tran', 'Santos', 'Reyes', 'Sharma', 'Rahman'],
    languages: ['vi', 'tl', 'hi'],
  },
  other: { first: ['Sara', 'Nour', 'Dana'], last: ['Haddad', 'Karimi', 'Ahmadi'], languages: ['fa', 'ar'] },
  not_stated: { first: ['Alex', 'Sam'], last: ['Martin', 'Petit'], languages: ['fr'] },
};

const GENDERS: Readonly<Record<Gender, number>> = {
  woman: 88,
  trans_woman: 6,
  man: 3,
  trans_man: 1,
  non_binary: 1,
  not_stated: 1,
};
const STATUSES: Readonly<Record<PersonStatus, number>> = { contact: 35, accompanied: 45, closed: 20 };
const DEPARTEMENTS = ['75', '93', '94', '92', '69', '13', '31', '33', '59', '67', '06', '34', '44', '35', '38'];
const CHANNELS = ['phone', 'sms', 'in_person', 'through_partner'] as const;
// A consent to share with one named partner names it: those come with the referrals that need them.
const SHARED_PURPOSES = CONSENT_PURPOSES.filter((p) => p.startsWith('share_') && p !== 'share_partner');

const ISO_DAY = (date: Date) => date.toISOString().slice(0, 10);

export interface PersonRow {
  id: string;
  fileNumber: string;
  siteId: string;
  teamId: string;
  referentId: string;
  status: PersonStatus;
  identity: PersonIdentity;
  safeContact: SafeContact;
  birthYear: number;
  isMinor: boolean;
  gender: Gender;
  nationalityGroup: NationalityGroup;
  languages: string[];
  departement: string;
  lastContactAt: Date | null;
  createdAt: Date;
  consents: {
    id: string;
    purpose: ConsentPurpose;
    given: boolean;
    recordedAt: Date;
    recordedBy: string;
    partnerId?: string | null;
  }[];
}

/** One synthetic person, drawn from the generator (no I/O). */
export function drawPerson(
  random: Random,
  now: Date,
  site: { id: string; code: string; departement: string },
  worker: { userId: string; teamId: string },
  sequence: (siteCode: string, year: number) => number,
): PersonRow {
  const id = random.uuid();
  const origin = random.weighted(ORIGINS);
  const names = NAMES[origin];
  const first = random.pick(names.first);
  const last = random.pick(names.last);
  const age = random.chance(0.01) ? random.int(15, 17) : random.int(18, 58);
  const birth = new Date(Date.UTC(now.getUTCFullYear() - age, random.int(0, 11), random.int(1, 28)));
  const createdAt = new Date(now.getTime() - random.int(0, 7 * 365) * 86_400_000);
  const year = createdAt.getUTCFullYear();
  const status = random.weighted(STATUSES);
  const lastContactDays = status === 'contact' && random.chance(0.2) ? null : random.int(0, 900);
  const lastContactAt =
    lastContactDays === null
      ? null
      : new Date(Math.max(createdAt.getTime(), now.getTime() - lastContactDays * 86_400_000));
  const phone = `+33 6 ${String(random.int(10, 99))} ${String(random.int(10, 99))} ${String(random.int(10, 99))} ${String(random.int(10, 99))}`;
  const neverCall = random.chance(0.15);
  const recordedBy = worker.userId;
  const consents: PersonRow['consents'] = [
    { id: random.uuid(), purpose: 'processing_notice', given: true, recordedAt: createdAt, recordedBy },
  ];
  for (const purpose of SHARED_PURPOSES) {
    if (random.chance(0.25))
      consents.push({ id: random.uuid(), purpose, given: true, recordedAt: createdAt, recordedBy });
  }
  return {
    id,
    fileNumber: formatFileNumber(site.code, year, sequence(site.code, year)),
    siteId: site.id,
    teamId: worker.teamId,
    referentId: worker.userId,
    status,
    identity: {
      legalName: `${first} ${last}`,
      usedName: random.chance(0.3) ? random.pick(names.first) : null,
      aliases: random.chance(0.2) ? [`${random.pick(names.first)} ${random.pick(names.last)}`] : [],
      birthDate: ISO_DAY(birth),
      phones: random.chance(0.85) ? [phone] : [],
      email: random.chance(0.3) ? `${first}.${last}.${id.slice(0, 6)}@example.test`.toLowerCase() : null,
      address: random.chance(0.4) ? `${random.int(1, 120)} rue de l’Exemple, ${site.departement}000` : null,
      verification: random.weighted({ unverified: 50, partial: 30, verified: 20 }),
      documents: [{ kind: 'passport', held: random.chance(0.4) }],
    },
    safeContact: {
      channel: random.pick(CHANNELS),
      hours: random.chance(0.5) ? '10h–12h' : null,
      neverCall,
      codeWord: random.chance(0.2) ? 'soleil' : null,
      lettersAllowed: random.chance(0.3),
    },
    birthYear: birth.getUTCFullYear(),
    isMinor: age < 18,
    gender: random.weighted(GENDERS),
    nationalityGroup: origin,
    languages: [random.pick(names.languages), ...(random.chance(0.4) ? ['fr'] : [])].filter(
      (l, i, all) => all.indexOf(l) === i,
    ),
    departement: site.departement,
    lastContactAt,
    createdAt,
    consents,
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Builds synthetic data in steps, so a growth run can add persons to the same associations and
 * measure again: `createAssociations(n)` once, then `addPersons(count)` as often as needed. Persons
 * are spread unevenly, as in the field (associations differ by up to 4×).
 */
export class SyntheticSeeder {
  readonly associations: SyntheticAssociation[] = [];
  private readonly random: Random;
  /** Documents and referrals draw from their own generator: the rest of the data stays as it was for a seed. */
  private readonly caseFiles: Random;
  private readonly now: Date;
  private readonly say: (line: string) => void;
  private readonly cipher: FieldCipher;
  private readonly weights: number[] = [];
  private readonly counters = new Map<string, number>();
  rows = 0;
  readonly counts: SyntheticCounts = {
    persons: 0,
    events: 0,
    appointments: 0,
    reminders: 0,
    pathways: 0,
    documents: 0,
    referrals: 0,
  };

  constructor(
    private readonly owner: DataSource,
    private readonly keys: Keys,
    private readonly options: Omit<SyntheticOptions, 'associations' | 'persons'>,
  ) {
    this.random = new Random(options.seed);
    this.caseFiles = new Random((options.seed ^ 0x5eed_d0c5) >>> 0);
    this.now = options.now ?? new Date();
    this.say = options.say ?? (() => undefined);
    this.cipher = new FieldCipher(keys);
  }

  private tx<T>(associationId: string | null, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    return inTransaction(this.owner, { requestId: 'synthetic', now: this.now, associationId }, work);
  }

  /** A transaction as one of the association's social workers (for what goes through a service). */
  private asWorker<T>(
    associationId: string,
    worker: { userId: string; teamId: string },
    work: (ctx: RequestContext) => Promise<T>,
  ): Promise<T> {
    const actor = {
      userId: worker.userId,
      associationId,
      roles: [Role.SocialWorker],
      teamId: worker.teamId,
      siteIds: [],
    };
    return inTransaction(this.owner, { requestId: 'synthetic', now: this.now, associationId, actor }, work);
  }

  /** "Synthétique 01" …: sites (1 to 3), two teams a site, three workers a team, a coordinator a site. */
  async createAssociations(count: number): Promise<void> {
    const existing = await this.tx(null, (ctx) =>
      ctx.manager.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM association WHERE name LIKE 'Synthétique %'`,
      ),
    );
    if (existing[0].count > 0) {
      throw new Error('This database already holds synthetic associations: seed an empty database');
    }
    const p = new Provisioning(this.owner, this.keys);
    const passwordHash = await hashPassword(this.options.password, new AuthSettings());
    for (let a = 0; a < count; a++) {
      const weight = 1 + this.random.next() * 3;
      this.weights.push(weight);
      const name = `Synthétique ${pad2(a + 1)}`;
      const siteCount = weight > 2.8 ? 3 : weight > 1.6 ? 2 : 1;
      const departements = Array.from({ length: siteCount }, (_, i) => DEPARTEMENTS[(a * 3 + i) % DEPARTEMENTS.length]);
      const { id } = await p.createAssociation({
        name,
        departements,
        approvalGrantedOn: '2025-01-01',
        approvalExpiresOn: '2028-01-01',
        // Benchmarks sign in without a second factor; never copy this setting to a real association.
        mfaRequiredRoles: [],
      });
      const association: SyntheticAssociation = {
        id,
        name,
        sites: [],
        coordinators: [],
        workers: [],
        partners: [],
        persons: 0,
      };
      for (let s = 0; s < siteCount; s++) {
        const code = `S${pad2(a + 1)}${String.fromCharCode(65 + s)}`;
        const site = await p.createSite(name, { name: `Site ${code}`, code, departement: departements[s] });
        const teams = [];
        for (let t = 0; t < 2; t++) teams.push((await p.createTeam(name, code, `Équipe ${code}-${t + 1}`)).id);
        association.sites.push({ id: site.id, code, departement: departements[s], teams });
      }
      const domain = `synth${pad2(a + 1)}.envol.test`;
      const member = async (email: string, displayName: string, roles: Role[], extra = {}) =>
        (await p.createMember(name, { email, displayName, roles, ...extra }, 'http://localhost')).userId;
      const members = [await member(`admin@${domain}`, `Admin ${pad2(a + 1)}`, [Role.Admin])];
      for (const [s, site] of association.sites.entries()) {
        const email = `coordinator${s + 1}@${domain}`;
        members.push(await member(email, `Coordination ${site.code}`, [Role.Coordinator], { siteIds: [site.id] }));
        association.coordinators.push({ email, siteId: site.id });
        for (const [t, teamId] of site.teams.entries()) {
          for (let w = 0; w < 3; w++) {
            const workerEmail = `worker-${site.code.toLowerCase()}-${t + 1}-${w + 1}@${domain}`;
            const label = `Travail social ${site.code}-${t + 1}-${w + 1}`;
            const userId = await member(workerEmail, label, [Role.SocialWorker], { teamId });
            members.push(userId);
            association.workers.push({ email: workerEmail, userId, teamId, siteId: site.id });
          }
        }
      }
      // One password for every synthetic account, hashed once; no pending invitation links.
      await this.tx(id, async (ctx) => {
        await ctx.manager.query(
          `UPDATE user_account SET password_hash = $1, password_changed_at = $2, mfa_required = false WHERE id = ANY($3)`,
          [passwordHash, this.now, members],
        );
        await ctx.manager.query(`DELETE FROM password_reset WHERE user_id = ANY($1)`, [members]);
        association.partners = await insertDirectoryAndOutreach(ctx, this.random, this.now, association);
        this.rows += association.partners.length + association.sites.length * OUTREACH_SESSIONS_PER_SITE;
      });
      this.associations.push(association);
    }
  }

  /** `count` more persons over the associations, in proportion to their weights. */
  async addPersons(count: number): Promise<void> {
    const batchSize = this.options.batchSize ?? 1000;
    const total = this.weights.reduce((a, b) => a + b, 0);
    const shares = this.weights.map((w) => Math.floor((count * w) / total));
    shares[0] += count - shares.reduce((a, b) => a + b, 0);
    const eventsPerPerson = this.options.eventsPerPerson ?? 0;
    const pathwayShare = this.options.pathwayShare ?? 0.1;
    const storage = this.options.storage;
    const documentShare = storage ? (this.options.documentShare ?? 0.1) : 0;
    const referralShare = this.options.referralShare ?? 0.05;
    const today = parisToday(this.now);
    for (const [a, association] of this.associations.entries()) {
      const [{ no_contact_days: noContactDays }] = await this.tx(association.id, (ctx) =>
        ctx.manager.query<{ no_contact_days: number }[]>(`SELECT no_contact_days FROM association WHERE id = $1`, [
          association.id,
        ]),
      );
      const sequence = (code: string, year: number) => {
        const key = `${association.id}:${code}:${year}`;
        const next = (this.counters.get(key) ?? 0) + 1;
        this.counters.set(key, next);
        return next;
      };
      for (let done = 0; done < shares[a]; done += batchSize) {
        const size = Math.min(batchSize, shares[a] - done);
        const people: PersonRow[] = [];
        const events: EventRow[] = [];
        const appointments: AppointmentRow[] = [];
        for (let i = 0; i < size; i++) {
          const worker = this.random.pick(association.workers);
          const site = association.sites.find((s) => s.id === worker.siteId)!;
          const person = drawPerson(this.random, this.now, site, worker, sequence);
          people.push(person);
          events.push(...drawEvents(this.random, this.now, person, eventsPerPerson));
          appointments.push(...drawAppointments(this.random, this.now, person));
        }
        const withPathway = people.filter(() => this.random.chance(pathwayShare));
        const documents: DocumentPlan[] = [];
        const referrals: ReferralPlan[] = [];
        for (const person of people) {
          if (documentShare > 0 && this.caseFiles.chance(documentShare)) {
            documents.push(...drawDocuments(this.caseFiles, this.now, person));
          }
          if (referralShare > 0 && this.caseFiles.chance(referralShare)) {
            const referral = drawReferral(this.caseFiles, this.now, person, association.partners);
            referrals.push(referral);
            // Into the person's consent ledger, with the other consents: no consent, no referral.
            if (referral.consent)
              person.consents.push({ ...referral.consent, given: true, recordedBy: person.referentId });
          }
        }
        const byId = new Map(people.map((p) => [p.id, p]));
        this.rows += await this.tx(association.id, async (ctx) => {
          const personRows = await insertPersons(ctx, this.cipher, this.keys, association.id, people);
          const caseRows = await insertCasework(ctx, this.cipher, association.id, events, appointments, this.now);
          const reminders = await insertPersonReminders(
            ctx,
            this.cipher,
            this.random,
            association.id,
            noContactDays,
            people,
          );
          const documentRows = storage
            ? await insertDocuments(ctx, this.cipher, storage, this.caseFiles, association.id, byId, documents)
            : { rows: 0, reminders: 0 };
          const referralRows = await insertReferrals(ctx, this.cipher, this.caseFiles, association.id, byId, referrals);
          this.counts.reminders += reminders + documentRows.reminders + referralRows.reminders;
          return personRows + caseRows + reminders + documentRows.rows + referralRows.rows;
        });
        this.counts.documents += documents.length;
        this.counts.referrals += referrals.length;
        this.counts.persons += size;
        this.counts.events += events.length;
        this.counts.appointments += appointments.length;
        const pathwayRows = await seedPathways(
          (actor, work) => this.asWorker(association.id, actor, work),
          this.cipher,
          this.random,
          today,
          withPathway,
        );
        this.rows += pathwayRows;
        this.counts.pathways += withPathway.length;
        association.persons += size;
      }
      await this.tx(association.id, async (ctx) => {
        for (const site of association.sites) {
          for (const [key, last] of this.counters) {
            const [associationId, code, year] = key.split(':');
            if (associationId !== association.id || code !== site.code) continue;
            await ctx.manager.query(
              `INSERT INTO file_number_counter (association_id, site_id, year, last) VALUES ($1, $2, $3, $4)
               ON CONFLICT (association_id, site_id, year) DO UPDATE SET last = GREATEST(file_number_counter.last, $4)`,
              [association.id, site.id, Number(year), last],
            );
          }
        }
      });
      this.say(
        `  ${association.name}: ${association.sites.length} site(s), ${association.workers.length} workers, ${association.persons} persons`,
      );
    }
  }
}

/** `associations` synthetic associations and `persons` persons over them; refuses a second run. */
export async function seedSynthetic(
  owner: DataSource,
  keys: Keys,
  options: SyntheticOptions,
): Promise<SyntheticResult> {
  const started = Date.now();
  const seeder = new SyntheticSeeder(owner, keys, options);
  await seeder.createAssociations(options.associations);
  await seeder.addPersons(options.persons);
  return {
    associations: seeder.associations,
    persons: options.persons,
    rows: seeder.rows,
    counts: seeder.counts,
    seconds: (Date.now() - started) / 1000,
  };
}

/** One batch: persons, their blind-index tokens and consents, each in one multi-row statement. */
async function insertPersons(
  ctx: RequestContext,
  cipher: FieldCipher,
  keys: Keys,
  associationId: string,
  people: PersonRow[],
): Promise<number> {
  const { manager } = ctx;
  const identities: Buffer[] = [];
  const safeContacts: Buffer[] = [];
  for (const person of people) {
    identities.push(
      await cipher.encryptText(
        ctx,
        { table: 'person', column: 'identity', rowId: person.id },
        JSON.stringify(person.identity),
      ),
    );
    safeContacts.push(
      await cipher.encryptText(
        ctx,
        { table: 'person', column: 'safe_contact', rowId: person.id },
        JSON.stringify(person.safeContact),
      ),
    );
  }
  const column = <T>(pick: (p: PersonRow) => T) => people.map(pick);
  await manager.query(
    `INSERT INTO person (id, association_id, file_number, site_id, team_id, referent_id, status, identity, safe_contact,
        never_call, birth_year, is_minor, gender, nationality_group, languages, departement, last_contact_at,
        created_at, updated_at, version)
     SELECT id, $1, file_number, site_id, team_id, referent_id, status, identity, safe_contact, never_call, birth_year,
        is_minor, gender, nationality_group, string_to_array(languages, ','), departement, last_contact_at,
        created_at, created_at, 1
       FROM unnest($2::uuid[], $3::varchar[], $4::uuid[], $5::uuid[], $6::uuid[], $7::varchar[], $8::bytea[],
                   $9::bytea[], $10::boolean[], $11::smallint[], $12::boolean[], $13::varchar[], $14::varchar[],
                   $15::text[], $16::varchar[], $17::timestamptz[], $18::timestamptz[])
         AS t(id, file_number, site_id, team_id, referent_id, status, identity, safe_contact, never_call, birth_year,
              is_minor, gender, nationality_group, languages, departement, last_contact_at, created_at)`,
    [
      associationId,
      column((p) => p.id),
      column((p) => p.fileNumber),
      column((p) => p.siteId),
      column((p) => p.teamId),
      column((p) => p.referentId),
      column((p) => p.status),
      identities,
      safeContacts,
      column((p) => p.safeContact.neverCall),
      column((p) => p.birthYear),
      column((p) => p.isMinor),
      column((p) => p.gender),
      column((p) => p.nationalityGroup),
      column((p) => p.languages.join(',')),
      column((p) => p.departement),
      column((p) => p.lastContactAt),
      column((p) => p.createdAt),
    ],
  );
  const tokens = new Map<string, { person: string; kind: string; token: string }>();
  for (const person of people) {
    const names = [person.identity.legalName, person.identity.usedName, ...person.identity.aliases].filter(
      (n): n is string => Boolean(n),
    );
    for (const token of names.flatMap((n) => blindTokens(keys, associationId, 'name', n))) {
      tokens.set(`${person.id}:name:${token}`, { person: person.id, kind: 'name', token });
    }
    for (const phone of person.identity.phones) {
      const token = blindValue(keys, associationId, 'phone', normalisePhone(phone));
      tokens.set(`${person.id}:phone:${token}`, { person: person.id, kind: 'phone', token });
    }
    if (person.identity.email) {
      const token = blindValue(keys, associationId, 'email', person.identity.email.toLowerCase());
      tokens.set(`${person.id}:email:${token}`, { person: person.id, kind: 'email', token });
    }
  }
  const tokenRows = [...tokens.values()];
  await manager.query(
    `INSERT INTO person_search_token (person_id, kind, token, association_id)
     SELECT person_id, kind, token, $1 FROM unnest($2::uuid[], $3::varchar[], $4::varchar[]) AS t(person_id, kind, token)`,
    [associationId, tokenRows.map((t) => t.person), tokenRows.map((t) => t.kind), tokenRows.map((t) => t.token)],
  );
  const consents = people.flatMap((p) => p.consents.map((c) => ({ ...c, personId: p.id })));
  await manager.query(
    `INSERT INTO consent (id, association_id, person_id, purpose, partner_id, given, recorded_at, recorded_by)
     SELECT id, $1, person_id, purpose, partner_id, given, recorded_at, recorded_by
       FROM unnest($2::uuid[], $3::uuid[], $4::varchar[], $5::uuid[], $6::boolean[], $7::timestamptz[], $8::uuid[])
         AS t(id, person_id, purpose, partner_id, given, recorded_at, recorded_by)`,
    [
      associationId,
      consents.map((c) => c.id),
      consents.map((c) => c.personId),
      consents.map((c) => c.purpose),
      consents.map((c) => c.partnerId ?? null),
      consents.map((c) => c.given),
      consents.map((c) => c.recordedAt),
      consents.map((c) => c.recordedBy),
    ],
  );
  return people.length + tokenRows.length + consents.length;
}

const PARTNER_NAMES: Readonly<Record<PartnerKind, string>> = {
  housing: 'SIAO',
  health: 'Centre de santé',
  employment: 'Agence emploi',
  training: 'Organisme de formation',
  legal: 'Permanence juridique',
  residence: 'Préfecture, service des étrangers',
  income: 'MSA',
  child_protection: 'Cellule de recueil des informations préoccupantes',
  other: 'Association partenaire',
};

const OUTREACH_SESSIONS_PER_SITE = 24;

/**
 * The association's partner directory (one partner of each kind), returned, and a year of outreach
 * sessions per site (two a month), with anonymous tallies consistent with the people met.
 */
async function insertDirectoryAndOutreach(
  ctx: RequestContext,
  random: Random,
  now: Date,
  association: SyntheticAssociation,
): Promise<SyntheticPartner[]> {
  const partners: SyntheticPartner[] = PARTNER_KINDS.map((kind) => ({
    id: random.uuid(),
    kind,
    name: `${PARTNER_NAMES[kind]} (synthétique)`,
  }));
  await ctx.manager.query(
    `INSERT INTO partner (id, version, association_id, kind, name, phone, active)
     SELECT id, 1, $1, kind, name, '01 00 00 00 00', true FROM unnest($2::uuid[], $3::varchar[], $4::varchar[]) AS t(id, kind, name)`,
    [association.id, partners.map((p) => p.id), partners.map((p) => p.kind), partners.map((p) => p.name)],
  );
  const sessions: {
    id: string;
    site: string;
    day: string;
    place: string;
    met: number;
    fresh: number;
    tallies: string;
  }[] = [];
  for (const site of association.sites) {
    for (let n = 0; n < OUTREACH_SESSIONS_PER_SITE; n++) {
      const met = random.int(2, 25);
      const fresh = random.int(0, Math.min(met, 5));
      const women = random.int(Math.floor(met / 2), met);
      const trans = random.int(0, met - women);
      sessions.push({
        id: random.uuid(),
        site: site.id,
        day: ISO_DAY(new Date(now.getTime() - (n * 15 + random.int(1, 10)) * 86_400_000)),
        place: random.pick(['street', 'road', 'woods', 'premises'] as const),
        met,
        fresh,
        tallies: JSON.stringify({
          gender: { women, trans, unknown: met - women - trans },
          firstLanguage: { fr: Math.floor(met / 3), en: met - Math.floor(met / 3) },
          materials: { condoms: met * 10, leaflets: met },
          orientations: { health: random.int(0, 2) },
        }),
      });
    }
  }
  await ctx.manager.query(
    `INSERT INTO outreach_session (id, association_id, site_id, held_on, place_kind, duration_minutes, team_member_ids,
        people_met, new_contacts, tallies)
     SELECT id, $1, site_id, held_on, place_kind, 150, '{}', people_met, new_contacts, tallies
       FROM unnest($2::uuid[], $3::uuid[], $4::date[], $5::varchar[], $6::smallint[], $7::smallint[], $8::jsonb[])
         AS t(id, site_id, held_on, place_kind, people_met, new_contacts, tallies)`,
    [
      association.id,
      sessions.map((x) => x.id),
      sessions.map((x) => x.site),
      sessions.map((x) => x.day),
      sessions.map((x) => x.place),
      sessions.map((x) => x.met),
      sessions.map((x) => x.fresh),
      sessions.map((x) => x.tallies),
    ],
  );
  return partners;
}
