import { Injectable } from '@nestjs/common';
import { BreakGlassService, Site, Team, TeamMember, UserRole } from '@app/access';
import { RemindersService } from '@app/reminders';
import { AuditOutcome, AuditService } from '@app/audit';
import type {
  AccessLogEntry,
  ConsentPurpose,
  ConsentView,
  Paged,
  PersonAttributes,
  PersonFile,
  PersonIdentity,
  PersonStatus,
  PersonSummary,
  SafeContact,
} from '@app/contracts';
import {
  blindTokens,
  blindValue,
  FieldCipher,
  Keys,
  normalisePhone,
  updateVersioned,
  type RequestContext,
} from '@app/platform';
import { randomUUID } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import { Consent, Person, PersonSearchToken } from './person.entity';
import { peopleError, PeopleErrorCode } from './people.errors';
import { readsCaseContent, scopeFilter } from './people.policy';
import { birthYearOf, displayName, FILE_NUMBER, formatFileNumber, isMinor, parisYear } from './people.rules';
import { peopleReminderSettings, syncPeopleReminders } from './reminder-sync';

export interface NewPerson {
  siteId?: string;
  teamId?: string | null;
  status?: PersonStatus;
  identity: PersonIdentity;
  safeContact: SafeContact;
  attributes: PersonAttributes;
  acknowledgeDuplicates?: boolean;
}

export interface PersonChange {
  version: number;
  status?: PersonStatus;
  identity?: PersonIdentity;
  safeContact?: SafeContact;
  attributes?: PersonAttributes;
}

export interface CaseloadFilter {
  page: number;
  pageSize: number;
  status?: PersonStatus;
  referentId?: string;
  teamId?: string;
  siteId?: string;
  mine?: boolean;
}

const SEARCH_LIMIT = 20;
const place = (rowId: string, column: 'identity' | 'safe_contact') => ({ table: 'person', column, rowId });

function associationOf(ctx: RequestContext): string {
  if (!ctx.associationId) throw peopleError(PeopleErrorCode.NoCaseContent);
  return ctx.associationId;
}

/**
 * Person files: encrypted identity, blind-index search, caseload scope, consent ledger. Every read
 * of a file or list and every write is audited in the caller's transaction; ids only, never names.
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly keys: Keys,
    private readonly audit: AuditService,
    private readonly breakGlass: BreakGlassService,
    private readonly reminders: RemindersService,
  ) {}

  // ── reading ──

  private scoped(ctx: RequestContext) {
    const scope = scopeFilter(ctx.actor, ctx.now);
    return ctx
      .repo(Person)
      .createQueryBuilder('p')
      .where('p.association_id = :association', { association: associationOf(ctx) })
      .andWhere(scope.sql, scope.params);
  }

  /** The file if the caller may see it; otherwise 404, exactly like a file that does not exist. */
  private async inScope(ctx: RequestContext, id: string): Promise<Person> {
    if (!readsCaseContent(ctx.actor)) throw peopleError(PeopleErrorCode.PersonNotFound);
    const person = await this.scoped(ctx).andWhere('p.id = :id', { id }).getOne();
    if (!person) throw peopleError(PeopleErrorCode.PersonNotFound);
    return person;
  }

  /**
   * For the other person-data features (documents, referrals): the file if the caller may see it,
   * else 404 exactly as `GET /persons/:id`. Records nothing: the caller audits its own action.
   */
  async requireInScope(ctx: RequestContext, id: string): Promise<{ id: string; siteId: string; fileNumber: string }> {
    const person = await this.inScope(ctx, id);
    return { id: person.id, siteId: person.siteId, fileNumber: person.fileNumber };
  }

  /** Exists in the association (row-level security): for the DPO's access log and breaking the glass. */
  private async inAssociation(ctx: RequestContext, id: string): Promise<Person> {
    const person = await ctx.repo(Person).findOne({ where: { id, associationId: associationOf(ctx) } });
    if (!person) throw peopleError(PeopleErrorCode.PersonNotFound);
    return person;
  }

  private async identityOf(ctx: RequestContext, person: Person): Promise<PersonIdentity> {
    return JSON.parse(
      await this.cipher.decryptText(ctx, place(person.id, 'identity'), person.identity),
    ) as PersonIdentity;
  }

  private async summary(ctx: RequestContext, person: Person): Promise<PersonSummary> {
    const identity = await this.identityOf(ctx, person);
    return {
      id: person.id,
      fileNumber: person.fileNumber,
      displayName: displayName(identity, person.fileNumber),
      status: person.status as PersonStatus,
      referentId: person.referentId,
      teamId: person.teamId,
      siteId: person.siteId,
      lastContactAt: person.lastContactAt?.toISOString() ?? null,
      minor: person.isMinor,
      version: person.version,
    };
  }

  private async file(ctx: RequestContext, person: Person): Promise<PersonFile> {
    const identity = await this.identityOf(ctx, person);
    const safeContact = JSON.parse(
      await this.cipher.decryptText(ctx, place(person.id, 'safe_contact'), person.safeContact),
    ) as SafeContact;
    const inTeamOrSites =
      (ctx.actor?.roles.includes('coordinator') ?? false) ||
      person.teamId === (ctx.actor?.teamId ?? null) ||
      person.referentId === ctx.actor?.userId;
    const grant = inTeamOrSites ? null : await this.breakGlass.activeGrant(ctx, person.id);
    return {
      ...(await this.summary(ctx, person)),
      identity,
      safeContact,
      attributes: {
        birthYear: person.birthYear,
        gender: person.gender as PersonAttributes['gender'],
        nationalityGroup: person.nationalityGroup as PersonAttributes['nationalityGroup'],
        languages: person.languages,
        departement: person.departement,
      },
      grantExpiresAt: grant ? grant.expiresAt.toISOString() : null,
      createdAt: person.createdAt.toISOString(),
      updatedAt: person.updatedAt.toISOString(),
    };
  }

  async list(ctx: RequestContext, filter: CaseloadFilter): Promise<Paged<PersonSummary>> {
    if (!readsCaseContent(ctx.actor)) throw peopleError(PeopleErrorCode.NoCaseContent);
    const query = this.scoped(ctx).orderBy('p.file_number', 'ASC');
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    if (filter.referentId) query.andWhere('p.referent_id = :referent', { referent: filter.referentId });
    if (filter.teamId) query.andWhere('p.team_id = :team', { team: filter.teamId });
    if (filter.siteId) query.andWhere('p.site_id = :site', { site: filter.siteId });
    if (filter.mine) query.andWhere('p.referent_id = :me', { me: ctx.actor?.userId });
    const [rows, total] = await query
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    const items = [];
    for (const row of rows) items.push(await this.summary(ctx, row));
    await this.audit.record(ctx, { action: 'person.listed', objectType: 'person', objectIds: rows.map((r) => r.id) });
    return { items, page: filter.page, pageSize: filter.pageSize, total };
  }

  /** By file number, all name tokens (exact, accents and case folded), or a phone number. */
  async search(ctx: RequestContext, text: string): Promise<PersonSummary[]> {
    if (!readsCaseContent(ctx.actor)) throw peopleError(PeopleErrorCode.NoCaseContent);
    const association = associationOf(ctx);
    const query = text.trim();
    let ids: string[] = [];
    if (FILE_NUMBER.test(query.toUpperCase())) {
      const hits = await this.scoped(ctx).andWhere('p.file_number = :n', { n: query.toUpperCase() }).getMany();
      ids = hits.map((h) => h.id);
    } else {
      const digits = query.replace(/\D/g, '');
      const phoneLike = digits.length >= 6 && /^[\d\s+().-]+$/.test(query);
      const emailLike = query.includes('@');
      const kind = phoneLike ? 'phone' : emailLike ? 'email' : 'name';
      const tokens = phoneLike
        ? [blindValue(this.keys, association, 'phone', normalisePhone(query))]
        : emailLike
          ? [blindValue(this.keys, association, 'email', query.toLowerCase())]
          : blindTokens(this.keys, association, 'name', query);
      if (tokens.length > 0) {
        const rows = await ctx.manager.query<{ person_id: string }[]>(
          `SELECT person_id FROM person_search_token WHERE association_id = $1 AND kind = $2 AND token = ANY($3)
            GROUP BY person_id HAVING count(DISTINCT token) = $4`,
          [association, kind, tokens, tokens.length],
        );
        ids = rows.map((r) => r.person_id);
      }
    }
    const people = ids.length
      ? await this.scoped(ctx)
          .andWhere('p.id IN (:...ids)', { ids })
          .orderBy('p.file_number')
          .take(SEARCH_LIMIT)
          .getMany()
      : [];
    const results = [];
    for (const person of people) results.push(await this.summary(ctx, person));
    await this.audit.record(ctx, {
      action: 'person.searched',
      objectType: 'person',
      objectIds: people.map((p) => p.id),
    });
    return results;
  }

  /** File numbers and names of the files among `ids` the caller may see (reminder lists); audited as a list. */
  async labels(
    ctx: RequestContext,
    ids: readonly string[],
  ): Promise<Map<string, { fileNumber: string; displayName: string }>> {
    const summaries = await this.summariesInScope(ctx, ids);
    if (summaries.size > 0) {
      await this.audit.record(ctx, { action: 'person.listed', objectType: 'person', objectIds: [...summaries.keys()] });
    }
    return new Map([...summaries].map(([id, s]) => [id, { fileNumber: s.fileNumber, displayName: s.displayName }]));
  }

  async get(ctx: RequestContext, id: string): Promise<PersonFile> {
    const person = await this.inScope(ctx, id);
    await this.audit.record(ctx, { action: 'person.read', objectType: 'person', objectId: id, siteId: person.siteId });
    return this.file(ctx, person);
  }

  // ── writing ──

  private async indexTokens(ctx: RequestContext, person: Person, identity: PersonIdentity): Promise<void> {
    const association = person.associationId;
    const names = [identity.legalName, identity.usedName, ...identity.aliases].filter((n): n is string =>
      Boolean(n?.trim()),
    );
    const rows = [...new Set(names.flatMap((n) => blindTokens(this.keys, association, 'name', n)))].map((token) => ({
      personId: person.id,
      associationId: association,
      kind: 'name',
      token,
    }));
    for (const phone of identity.phones) {
      const normalised = normalisePhone(phone);
      if (normalised)
        rows.push({
          personId: person.id,
          associationId: association,
          kind: 'phone',
          token: blindValue(this.keys, association, 'phone', normalised),
        });
    }
    if (identity.email?.trim()) {
      const token = blindValue(this.keys, association, 'email', identity.email.trim().toLowerCase());
      rows.push({ personId: person.id, associationId: association, kind: 'email', token });
    }
    await ctx.repo(PersonSearchToken).delete({ personId: person.id });
    const unique = new Map(rows.map((r) => [`${r.kind}:${r.token}`, r]));
    if (unique.size > 0) await ctx.repo(PersonSearchToken).insert([...unique.values()]);
  }

  /** Same name token and birth year elsewhere in the association: file numbers only, never names. */
  private async duplicates(
    ctx: RequestContext,
    identity: PersonIdentity,
    birthYear: number | null,
    exclude?: string,
  ): Promise<string[]> {
    if (birthYear === null) return [];
    const names = [identity.legalName, identity.usedName, ...identity.aliases].filter((n): n is string =>
      Boolean(n?.trim()),
    );
    const tokens = [...new Set(names.flatMap((n) => blindTokens(this.keys, associationOf(ctx), 'name', n)))];
    if (tokens.length === 0) return [];
    const rows = await ctx.manager.query<{ file_number: string }[]>(
      `SELECT DISTINCT p.file_number FROM person p JOIN person_search_token t ON t.person_id = p.id
        WHERE t.association_id = $1 AND t.kind = 'name' AND t.token = ANY($2) AND p.birth_year = $3 AND p.id <> $4
        ORDER BY 1 LIMIT 5`,
      [associationOf(ctx), tokens, birthYear, exclude ?? '00000000-0000-0000-0000-000000000000'],
    );
    return rows.map((r) => r.file_number);
  }

  async create(ctx: RequestContext, input: NewPerson): Promise<PersonFile> {
    const association = associationOf(ctx);
    if (!readsCaseContent(ctx.actor)) throw peopleError(PeopleErrorCode.NoCaseContent);
    const actor = ctx.actor!;
    const team = input.teamId !== undefined ? input.teamId : (actor.teamId ?? null);
    let siteId = input.siteId;
    if (!siteId && team) siteId = (await ctx.repo(Team).findOne({ where: { id: team } }))?.siteId;
    if (!siteId) siteId = (await ctx.repo(Site).find({ order: { code: 'ASC' }, take: 1 }))[0]?.id;
    const site = siteId ? await ctx.repo(Site).findOne({ where: { id: siteId, associationId: association } }) : null;
    if (!site || (actor.siteIds?.length && !actor.siteIds.includes(site.id))) {
      throw peopleError(PeopleErrorCode.SiteNotAllowed, [{ field: 'siteId', code: 'notAllowed' }]);
    }
    if (team && !(await ctx.repo(Team).exists({ where: { id: team, siteId: site.id } }))) {
      throw peopleError(PeopleErrorCode.SiteNotAllowed, [{ field: 'teamId', code: 'notAllowed' }]);
    }
    const birthYear = birthYearOf(input.identity, input.attributes.birthYear);
    if (!input.acknowledgeDuplicates) {
      const duplicates = await this.duplicates(ctx, input.identity, birthYear);
      if (duplicates.length)
        throw peopleError(
          PeopleErrorCode.DuplicateSuspected,
          duplicates.map((n) => ({ field: 'fileNumber', code: n })),
        );
    }
    const year = parisYear(ctx.now);
    const [{ last }] = await ctx.manager.query<{ last: number }[]>(
      `INSERT INTO file_number_counter (association_id, site_id, year, last) VALUES ($1, $2, $3, 1)
       ON CONFLICT (association_id, site_id, year) DO UPDATE SET last = file_number_counter.last + 1 RETURNING last`,
      [association, site.id, year],
    );
    const id = randomUUID();
    const person = ctx.repo(Person).create({
      id,
      associationId: association,
      fileNumber: formatFileNumber(site.code, year, last),
      siteId: site.id,
      teamId: team,
      referentId: actor.roles.includes('social_worker') ? actor.userId : null,
      status: input.status ?? 'contact',
      identity: await this.cipher.encryptText(ctx, place(id, 'identity'), JSON.stringify(input.identity)),
      safeContact: await this.cipher.encryptText(ctx, place(id, 'safe_contact'), JSON.stringify(input.safeContact)),
      neverCall: input.safeContact.neverCall,
      birthYear,
      isMinor: isMinor(input.identity.birthDate, ctx.now),
      gender: input.attributes.gender,
      nationalityGroup: input.attributes.nationalityGroup,
      languages: input.attributes.languages,
      departement: input.attributes.departement ?? site.departement,
      lastContactAt: null,
      // The clock's instant, not the database's: deadlines counted from the opening follow it.
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await ctx.repo(Person).insert(person);
    await this.indexTokens(ctx, person, input.identity);
    await this.audit.record(ctx, { action: 'person.created', objectType: 'person', objectId: id, siteId: site.id });
    const created = await ctx.repo(Person).findOneByOrFail({ id });
    await this.syncReminders(ctx, created);
    return this.file(ctx, created);
  }

  async update(ctx: RequestContext, id: string, change: PersonChange): Promise<PersonFile> {
    const person = await this.inScope(ctx, id);
    const fields: Partial<Person> = {};
    if (change.status) fields.status = change.status;
    if (change.identity) {
      fields.identity = await this.cipher.encryptText(ctx, place(id, 'identity'), JSON.stringify(change.identity));
      fields.birthYear = birthYearOf(change.identity, change.attributes?.birthYear ?? person.birthYear);
      fields.isMinor = isMinor(change.identity.birthDate, ctx.now);
    }
    if (change.safeContact) {
      fields.safeContact = await this.cipher.encryptText(
        ctx,
        place(id, 'safe_contact'),
        JSON.stringify(change.safeContact),
      );
      fields.neverCall = change.safeContact.neverCall;
    }
    if (change.attributes) {
      fields.gender = change.attributes.gender;
      fields.nationalityGroup = change.attributes.nationalityGroup;
      fields.languages = change.attributes.languages;
      fields.departement = change.attributes.departement;
      if (!change.identity) fields.birthYear = change.attributes.birthYear;
    }
    await updateVersioned(ctx.manager, Person, id, change.version, fields);
    const updated = await ctx.repo(Person).findOneByOrFail({ id });
    if (change.identity) await this.indexTokens(ctx, updated, change.identity);
    if (change.status || change.safeContact) await this.syncReminders(ctx, updated);
    await this.audit.record(ctx, {
      action: 'person.updated',
      objectType: 'person',
      objectId: id,
      siteId: person.siteId,
    });
    return this.file(ctx, updated);
  }

  /** Reassigns files to a referent (one by one or in bulk); the files follow the referent's team. */
  async setReferent(ctx: RequestContext, ids: string[], referentId: string): Promise<PersonSummary[]> {
    const association = associationOf(ctx);
    // Scope first: a file out of reach answers 404 whatever the referent.
    const people = [];
    for (const id of [...new Set(ids)]) people.push(await this.inScope(ctx, id));
    const roles = await ctx.repo(UserRole).find({ where: { userId: referentId, associationId: association } });
    if (!roles.some((r) => r.role === 'social_worker' || r.role === 'coordinator')) {
      throw peopleError(PeopleErrorCode.ReferentNotFound, [{ field: 'referentId', code: 'notAWorker' }]);
    }
    const team = await ctx.repo(TeamMember).findOne({ where: { userId: referentId } });
    await ctx
      .repo(Person)
      .update(
        { id: In(people.map((p) => p.id)) },
        { referentId, ...(team ? { teamId: team.teamId } : {}), version: () => 'version + 1' },
      );
    for (const p of people)
      await this.audit.record(ctx, {
        action: 'person.referent.set',
        objectType: 'person',
        objectId: p.id,
        siteId: p.siteId,
      });
    const updated = await ctx
      .repo(Person)
      .find({ where: { id: In(people.map((p) => p.id)) }, order: { fileNumber: 'ASC' } });
    // The new referent takes over the files' open reminders that follow the referent.
    for (const p of updated) await this.reminders.reassignPerson(ctx, p.id, referentId);
    const result = [];
    for (const p of updated) result.push(await this.summary(ctx, p));
    return result;
  }

  /** Hands the file's deadlines (no contact, retention review) to the reminder store, with its association's lead times. */
  private async syncReminders(ctx: RequestContext, person: Person): Promise<void> {
    const settings = await peopleReminderSettings(ctx, person.associationId);
    await syncPeopleReminders(ctx, this.cipher, this.reminders, [person], settings);
  }

  /** Opens a file outside the caller's team for the grant's duration, with a stated reason. */
  async breakTheGlass(ctx: RequestContext, id: string, reason: string): Promise<{ expiresAt: string }> {
    const person = await this.inAssociation(ctx, id);
    const visible = await this.scoped(ctx).andWhere('p.id = :id', { id }).getExists();
    if (visible) throw peopleError(PeopleErrorCode.GrantNotNeeded);
    const grant = await this.breakGlass.open(ctx, id, reason);
    await this.audit.record(ctx, {
      action: 'person.break_glass',
      objectType: 'person',
      objectId: id,
      siteId: person.siteId,
      reason,
      detail: grant.id.slice(0, 64),
    });
    return { expiresAt: grant.expiresAt };
  }

  // ── consent ──

  async consents(ctx: RequestContext, id: string): Promise<ConsentView[]> {
    const person = await this.inScope(ctx, id);
    const rows = await ctx.repo(Consent).find({ where: { personId: person.id }, order: { recordedAt: 'DESC' } });
    await this.audit.record(ctx, { action: 'person.consents.read', objectType: 'person', objectId: id });
    return rows.map((r) => ({
      id: r.id,
      purpose: r.purpose as ConsentPurpose,
      partnerId: r.partnerId,
      given: r.given,
      recordedAt: r.recordedAt.toISOString(),
      recordedBy: r.recordedBy,
    }));
  }

  async recordConsent(
    ctx: RequestContext,
    id: string,
    purpose: ConsentPurpose,
    given: boolean,
    partnerId: string | null = null,
  ): Promise<ConsentView> {
    const person = await this.inScope(ctx, id);
    // A named-partner consent names its partner; no other purpose does.
    if ((purpose === 'share_partner') !== Boolean(partnerId)) {
      throw peopleError(PeopleErrorCode.ConsentPartner, [{ field: 'partnerId', code: 'partnerRequired' }]);
    }
    const row = {
      id: randomUUID(),
      associationId: person.associationId,
      personId: id,
      purpose,
      partnerId: purpose === 'share_partner' ? partnerId : null,
      given,
      recordedAt: ctx.now,
      recordedBy: ctx.actor?.userId ?? null,
    };
    await ctx.repo(Consent).insert(row);
    await this.audit.record(ctx, {
      action: given ? 'person.consent.given' : 'person.consent.withdrawn',
      objectType: 'person',
      objectId: id,
      detail: purpose,
    });
    return {
      id: row.id,
      purpose,
      partnerId: row.partnerId,
      given,
      recordedAt: row.recordedAt.toISOString(),
      recordedBy: row.recordedBy,
    };
  }

  /**
   * In force: the latest entry per purpose (and partner, for `share_partner`) says given. Sharing
   * features check this.
   */
  async hasConsent(
    ctx: RequestContext,
    id: string,
    purpose: ConsentPurpose,
    partnerId: string | null = null,
  ): Promise<boolean> {
    const latest = await ctx.repo(Consent).findOne({
      where: { personId: id, purpose, partnerId: purpose === 'share_partner' && partnerId ? partnerId : IsNull() },
      order: { recordedAt: 'DESC' },
    });
    return latest?.given ?? false;
  }

  /**
   * The id behind a file number, for the DPO's audit search (the trail holds ids only). Within the
   * caller's association; null when no such file.
   */
  async idOfFileNumber(ctx: RequestContext, fileNumber: string): Promise<string | null> {
    const person = await ctx.repo(Person).findOne({
      where: { associationId: associationOf(ctx), fileNumber: fileNumber.trim().toUpperCase() },
      select: { id: true },
    });
    return person?.id ?? null;
  }

  // ── for the other case-content libs (journal, appointments) ──

  /** The file's placement if the caller may see it, else 404 like a file that does not exist. */
  async placementInScope(
    ctx: RequestContext,
    id: string,
  ): Promise<{ id: string; siteId: string; teamId: string | null; referentId: string | null }> {
    const person = await this.inScope(ctx, id);
    return { id: person.id, siteId: person.siteId, teamId: person.teamId, referentId: person.referentId };
  }

  /** Exists in the caller's association (for the DPO, who reads no case content), else 404. */
  async existsInAssociation(ctx: RequestContext, id: string): Promise<{ id: string; siteId: string }> {
    const person = await this.inAssociation(ctx, id);
    return { id: person.id, siteId: person.siteId };
  }

  /**
   * A contact happened at `at`: the file's last contact moves forward, never back, and the file's
   * reminders with it. The version is not bumped: this is a derived fact, and an edit of the
   * identity open in another tab must not answer 409 because a note was logged meanwhile.
   */
  async recordContact(ctx: RequestContext, id: string, at: Date): Promise<void> {
    // Plain SQL: TypeORM's update builder would bump the version column.
    const [, moved] = await ctx.manager.query<[unknown, number]>(
      'UPDATE person SET last_contact_at = $2 WHERE id = $1 AND (last_contact_at IS NULL OR last_contact_at < $2)',
      [id, at],
    );
    // The no-contact check and the retention review move with the last contact, in this transaction.
    if (moved > 0) await this.syncReminders(ctx, await ctx.repo(Person).findOneByOrFail({ id }));
  }

  /** Summaries (display name, file number) of the files among `ids` the caller may see. */
  async summariesInScope(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, PersonSummary>> {
    const result = new Map<string, PersonSummary>();
    if (ids.length === 0 || !readsCaseContent(ctx.actor)) return result;
    const people = await this.scoped(ctx)
      .andWhere('p.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    for (const person of people) result.set(person.id, await this.summary(ctx, person));
    return result;
  }

  // ── who opened this file ──

  async accessLog(ctx: RequestContext, id: string): Promise<AccessLogEntry[]> {
    const isDpo = ctx.actor?.roles.includes('dpo') ?? false;
    const person =
      isDpo && !readsCaseContent(ctx.actor) ? await this.inAssociation(ctx, id) : await this.inScope(ctx, id);
    const { items } = await this.audit.search(ctx, { page: 1, pageSize: 500, objectId: person.id });
    await this.audit.record(ctx, {
      action: 'person.access_log.read',
      objectType: 'person',
      objectId: id,
      outcome: AuditOutcome.Success,
    });
    return items.map((e) => ({
      occurredAt: e.occurredAt,
      actorId: e.actorId,
      actorRoles: e.actorRoles,
      action: e.action,
      outcome: e.outcome,
    }));
  }
}
