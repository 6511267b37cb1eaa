import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock, inTransaction, keyedHash, Keys, openWithKek, sealWithKek, type RequestContext } from '@app/platform';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { AuthEventType } from './auth-event.entity';
import { recordAuthEvent, type AuthEventFields } from './auth-events';
import { authError, AuthErrorCode } from './auth.errors';
import { AuthSettings } from './auth.settings';
import { checkPassword } from './password.policy';
import { PasswordReset } from './password-reset.entity';
import { hashPassword, needsRehash, verifyPassword } from './passwords';
import { RecoveryCode } from './recovery-code.entity';
import { Session, SessionStage } from './session.entity';
import { ThrottleRepository } from './throttle.repository';
import { lockRemainingSeconds, recordFailure, type ThrottleLimit } from './throttle.rules';
import { newRecoveryCode, newToken, normaliseEmail, normaliseRecoveryCode, sha256 } from './tokens';
import { matchingStep, newTotpSecret, totpUri } from './totp';
import { AccountStatus, UserAccount } from './user-account.entity';

export interface ClientInfo {
  clientAddress: string;
  requestId: string;
}

export interface IssuedSession {
  token: string;
  stage: SessionStage;
  session: Session;
}

export interface AuthenticatedSession {
  session: Session;
  user: UserAccount;
}

export type AuthenticationResult = { kind: 'none' } | { kind: 'expired' } | ({ kind: 'ok' } & AuthenticatedSession);

const MINUTE = 60_000;
const TOTP_PURPOSE = 'totp';
const totpAad = (userId: string) => `user_account.totp_secret.${userId}`;
const pendingAad = (userId: string) => `user_account.totp_pending_secret.${userId}`;

/**
 * "Who are you": passwords, sessions, the second factor, throttling, reset links. Failures are
 * committed in transactions of their own, so that a refused attempt still counts.
 */
@Injectable()
export class AuthService implements OnModuleInit {
  private dummyHash = '';

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: Keys,
    private readonly settings: AuthSettings,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    // Unknown accounts are checked against this hash, so they cost the same time as known ones.
    this.dummyHash = await hashPassword(newToken(), this.settings);
  }

  private tx<T>(info: ClientInfo, work: (manager: EntityManager, now: Date) => Promise<T>): Promise<T> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, { requestId: info.requestId, now }, (ctx) => work(ctx.manager, now));
  }

  private hash(value: string): string {
    return keyedHash(this.keys.clientHashKey, value);
  }

  private accountKey(emailNormalised: string): string {
    return `acct:${this.hash(emailNormalised).slice(0, 64)}`;
  }

  private ipKey(address: string): string {
    return `ip:${this.hash(address).slice(0, 64)}`;
  }

  private accountLimit(): ThrottleLimit {
    const s = this.settings;
    return {
      maxFailures: s.accountMaxFailures,
      windowMinutes: s.accountWindowMinutes,
      lockMinutes: s.accountLockMinutes,
    };
  }

  private ipLimit(): ThrottleLimit {
    const s = this.settings;
    return { maxFailures: s.ipMaxFailures, windowMinutes: s.ipWindowMinutes, lockMinutes: s.ipLockMinutes };
  }

  private eventFields(info: ClientInfo, extra: AuthEventFields = {}): AuthEventFields {
    return { clientHash: this.hash(info.clientAddress), requestId: info.requestId, ...extra };
  }

  /** 429 with Retry-After when any of the keys is locked; the lock expires by itself. */
  private async assertNotLocked(
    info: ClientInfo,
    keys: string[],
    event: AuthEventType,
    fields: AuthEventFields,
  ): Promise<void> {
    const remaining = await this.tx(info, async (manager, now) => {
      const throttles = new ThrottleRepository(manager);
      let max = 0;
      for (const key of keys) max = Math.max(max, lockRemainingSeconds(await throttles.read(key), now));
      if (max > 0) await recordAuthEvent(manager, event, now, this.eventFields(info, fields));
      return max;
    });
    if (remaining > 0) throw authError(AuthErrorCode.TooManyAttempts, { 'retry-after': String(remaining) });
  }

  private async createSession(
    manager: EntityManager,
    userId: string,
    stage: SessionStage,
    now: Date,
  ): Promise<IssuedSession> {
    const token = newToken();
    const lifetime =
      stage === SessionStage.Done ? this.settings.sessionAbsoluteHours * 60 : this.settings.preAuthMinutes;
    const session = await manager.getRepository(Session).save(
      manager.getRepository(Session).create({
        tokenHash: sha256(token),
        userId,
        stage,
        csrfToken: newToken(24),
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + lifetime * MINUTE),
      }),
    );
    return { token, stage, session };
  }

  // ── password step ────────────────────────────────────────────────────────────────────────────

  async login(email: string, password: string, info: ClientInfo): Promise<IssuedSession> {
    const normalised = normaliseEmail(email);
    const accountKey = this.accountKey(normalised);
    const ipKey = this.ipKey(info.clientAddress);
    await this.assertNotLocked(info, [accountKey, ipKey], AuthEventType.LoginThrottled, {
      subjectHash: this.hash(normalised),
    });

    const user = await this.tx(info, (manager) =>
      manager.getRepository(UserAccount).findOne({ where: { emailNormalised: normalised } }),
    );
    const usable = user && user.status === AccountStatus.Active && user.passwordHash ? user : null;
    const valid = await verifyPassword(usable?.passwordHash ?? this.dummyHash, password);

    if (!usable || !valid) {
      await this.tx(info, async (manager, now) => {
        const throttles = new ThrottleRepository(manager);
        await throttles.update(accountKey, (s) => recordFailure(s, now, this.accountLimit()));
        await throttles.update(ipKey, (s) => recordFailure(s, now, this.ipLimit()));
        await recordAuthEvent(
          manager,
          AuthEventType.LoginFailed,
          now,
          this.eventFields(
            info,
            user ? { userId: user.id, associationId: user.associationId } : { subjectHash: this.hash(normalised) },
          ),
        );
      });
      throw authError(AuthErrorCode.InvalidCredentials);
    }

    const rehash = needsRehash(usable.passwordHash!, this.settings)
      ? await hashPassword(password, this.settings)
      : null;
    return this.tx(info, async (manager, now) => {
      await new ThrottleRepository(manager).clear(accountKey);
      if (rehash) await manager.getRepository(UserAccount).update({ id: usable.id }, { passwordHash: rehash });
      const stage = usable.mfaEnabled ? SessionStage.Mfa : usable.mfaRequired ? SessionStage.Enrol : SessionStage.Done;
      await recordAuthEvent(
        manager,
        AuthEventType.LoginSucceeded,
        now,
        this.eventFields(info, { userId: usable.id, associationId: usable.associationId }),
      );
      return this.createSession(manager, usable.id, stage, now);
    });
  }

  // ── sessions ─────────────────────────────────────────────────────────────────────────────────

  /** Resolves a cookie token; expired (idle or absolute) and disabled accounts' sessions are deleted. */
  async authenticate(
    token: string,
    info: ClientInfo,
    /** Runs in the same transaction once the session is valid (one transaction per request less). */
    within?: (manager: EntityManager, session: Session) => Promise<void>,
  ): Promise<AuthenticationResult> {
    if (!token || token.length > 128) return { kind: 'none' };
    return this.tx(info, (manager) => this.authenticateIn(manager, token, info, within));
  }

  /**
   * The same in a transaction the caller holds (the session guard's, which the request's work then
   * continues): the caller commits, also when the session turned out expired.
   */
  async authenticateIn(
    manager: EntityManager,
    token: string,
    info: ClientInfo,
    within?: (manager: EntityManager, session: Session) => Promise<void>,
  ): Promise<AuthenticationResult> {
    if (!token || token.length > 128) return { kind: 'none' };
    const now = this.clock.now();
    const sessions = manager.getRepository(Session);
    // One query (findOne with a relation would first select the distinct id, then the row).
    const session = await sessions
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.user', 'u')
      .where('s.token_hash = :hash', { hash: sha256(token) })
      .getOne();
    if (!session || !session.user) return { kind: 'none' as const };
    const idleLimit = session.lastSeenAt.getTime() + this.settings.sessionIdleMinutes * MINUTE;
    const expired = now.getTime() >= idleLimit || now >= session.expiresAt;
    if (expired || session.user.status !== AccountStatus.Active) {
      await sessions.delete({ id: session.id });
      if (expired) {
        await recordAuthEvent(
          manager,
          AuthEventType.SessionExpired,
          now,
          this.eventFields(info, { userId: session.userId, associationId: session.user.associationId }),
        );
      }
      return { kind: 'expired' as const };
    }
    // Every request reads the session; writing it back only once a minute keeps a write off the
    // hot path (the idle timeout loses at most that minute of precision).
    if (now.getTime() - session.lastSeenAt.getTime() >= this.settings.sessionTouchSeconds * 1000) {
      await sessions.update({ id: session.id }, { lastSeenAt: now });
      session.lastSeenAt = now;
    }
    await within?.(manager, session);
    return { kind: 'ok' as const, session, user: session.user };
  }

  async logout(ctx: RequestContext, sessionId: string): Promise<void> {
    const session = await ctx.repo(Session).findOne({ where: { id: sessionId }, relations: { user: true } });
    await ctx.repo(Session).delete({ id: sessionId });
    if (session) {
      await recordAuthEvent(ctx.manager, AuthEventType.Logout, ctx.now, {
        userId: session.userId,
        associationId: session.user?.associationId ?? null,
        requestId: ctx.requestId,
        clientHash: ctx.init.clientAddress ? this.hash(ctx.init.clientAddress) : null,
      });
    }
  }

  /** Ends every session of a user but `keep` (password or MFA changed, account disabled, roles changed). */
  async endSessions(ctx: RequestContext, userId: string, keep?: string): Promise<void> {
    await ctx.repo(Session).delete(keep ? { userId, id: Not(keep) } : { userId });
  }

  // ── second factor ────────────────────────────────────────────────────────────────────────────

  async verifySecondFactor(sessionToken: string, code: string, info: ClientInfo): Promise<IssuedSession> {
    const found = await this.authenticate(sessionToken, info);
    if (found.kind !== 'ok')
      throw authError(found.kind === 'expired' ? AuthErrorCode.SessionExpired : AuthErrorCode.Unauthenticated);
    const { session, user } = found;
    if (session.stage !== SessionStage.Mfa || !user.totpSecret) throw authError(AuthErrorCode.MfaNotPending);

    const mfaKey = `mfa:${user.id}`;
    const ipKey = this.ipKey(info.clientAddress);
    const fields = { userId: user.id, associationId: user.associationId };
    await this.assertNotLocked(info, [mfaKey, ipKey], AuthEventType.MfaThrottled, fields);

    const issued = await this.tx(info, async (manager, now) => {
      const accounts = manager.getRepository(UserAccount);
      const fresh = await accounts.findOneOrFail({ where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      const secret = openWithKek(this.keys, TOTP_PURPOSE, totpAad(user.id), fresh.totpSecret!).toString('utf8');
      const lastStep = fresh.totpLastStep === null ? null : Number(fresh.totpLastStep);
      const step = matchingStep(secret, code.trim(), now, this.settings.totpToleranceSteps, lastStep);
      let event: AuthEventType | null = null;
      if (step !== null) {
        await accounts.update({ id: user.id }, { totpLastStep: String(step) });
        event = AuthEventType.MfaSucceeded;
      } else {
        const recovery = normaliseRecoveryCode(code);
        if (recovery) {
          const used = await manager
            .getRepository(RecoveryCode)
            .update({ userId: user.id, codeHash: sha256(recovery), usedAt: IsNull() }, { usedAt: now });
          if (used.affected === 1) event = AuthEventType.RecoveryCodeUsed;
        }
      }
      if (!event) return null;
      await new ThrottleRepository(manager).clear(mfaKey);
      await recordAuthEvent(manager, event, now, this.eventFields(info, fields));
      // A new session id once fully signed in (session fixation).
      await manager.getRepository(Session).delete({ id: session.id });
      return this.createSession(manager, user.id, SessionStage.Done, now);
    });
    if (issued) return issued;

    await this.tx(info, async (manager, now) => {
      const throttles = new ThrottleRepository(manager);
      await throttles.update(mfaKey, (s) => recordFailure(s, now, this.accountLimit()));
      await throttles.update(ipKey, (s) => recordFailure(s, now, this.ipLimit()));
      await recordAuthEvent(manager, AuthEventType.MfaFailed, now, this.eventFields(info, fields));
    });
    throw authError(AuthErrorCode.InvalidMfaCode);
  }

  async startEnrolment(ctx: RequestContext, userId: string): Promise<{ otpauthUrl: string; secret: string }> {
    const user = await ctx.repo(UserAccount).findOneOrFail({ where: { id: userId } });
    const secret = newTotpSecret();
    await ctx
      .repo(UserAccount)
      .update(
        { id: userId },
        { totpPendingSecret: sealWithKek(this.keys, TOTP_PURPOSE, pendingAad(userId), Buffer.from(secret)) },
      );
    return { otpauthUrl: totpUri(secret, this.settings.totpIssuer, user.email), secret };
  }

  /**
   * Confirms the pending seed with a first code; returns the recovery codes (shown once) and a new
   * session, all other sessions of the user being ended (MFA changed).
   */
  async confirmEnrolment(
    userId: string,
    code: string,
    info: ClientInfo,
  ): Promise<{ recoveryCodes: string[]; issued: IssuedSession }> {
    const mfaKey = `mfa:${userId}`;
    const ipKey = this.ipKey(info.clientAddress);
    await this.assertNotLocked(info, [mfaKey, ipKey], AuthEventType.MfaThrottled, { userId });
    const result = await this.tx(info, async (manager, now) => {
      const accounts = manager.getRepository(UserAccount);
      const user = await accounts.findOneOrFail({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user.totpPendingSecret) throw authError(AuthErrorCode.EnrolmentNotStarted);
      const secret = openWithKek(this.keys, TOTP_PURPOSE, pendingAad(userId), user.totpPendingSecret).toString('utf8');
      const step = matchingStep(secret, code.trim(), now, this.settings.totpToleranceSteps, null);
      if (step === null) return null;
      await accounts.update(
        { id: userId },
        {
          totpSecret: sealWithKek(this.keys, TOTP_PURPOSE, totpAad(userId), Buffer.from(secret)),
          totpPendingSecret: null,
          totpLastStep: String(step),
          mfaEnabled: true,
        },
      );
      const codes = Array.from({ length: this.settings.recoveryCodeCount }, newRecoveryCode);
      const recovery = manager.getRepository(RecoveryCode);
      await recovery.delete({ userId });
      await recovery.insert(codes.map((c) => ({ userId, codeHash: sha256(normaliseRecoveryCode(c)!), usedAt: null })));
      await manager.getRepository(Session).delete({ userId });
      await recordAuthEvent(
        manager,
        AuthEventType.MfaEnrolled,
        now,
        this.eventFields(info, { userId, associationId: user.associationId }),
      );
      return { recoveryCodes: codes, issued: await this.createSession(manager, userId, SessionStage.Done, now) };
    });
    if (result) return result;
    await this.tx(info, async (manager, now) => {
      const throttles = new ThrottleRepository(manager);
      await throttles.update(mfaKey, (s) => recordFailure(s, now, this.accountLimit()));
      await throttles.update(ipKey, (s) => recordFailure(s, now, this.ipLimit()));
      await recordAuthEvent(manager, AuthEventType.MfaFailed, now, this.eventFields(info, { userId }));
    });
    throw authError(AuthErrorCode.InvalidMfaCode);
  }

  // ── passwords ────────────────────────────────────────────────────────────────────────────────

  private assertPasswordAcceptable(password: string): void {
    const problem = checkPassword(password, this.settings);
    if (problem) throw authError(problem);
  }

  async changePassword(
    ctx: RequestContext,
    userId: string,
    sessionId: string,
    current: string,
    next: string,
  ): Promise<void> {
    const user = await ctx.repo(UserAccount).findOneOrFail({ where: { id: userId } });
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current)))
      throw authError(AuthErrorCode.InvalidCredentials);
    this.assertPasswordAcceptable(next);
    await ctx
      .repo(UserAccount)
      .update({ id: userId }, { passwordHash: await hashPassword(next, this.settings), passwordChangedAt: ctx.now });
    await this.endSessions(ctx, userId, sessionId);
    await recordAuthEvent(ctx.manager, AuthEventType.PasswordChanged, ctx.now, {
      userId,
      associationId: user.associationId,
      requestId: ctx.requestId,
    });
  }

  /** Uses a reset link: sets the password, lifts a login lock, ends every session of the account. */
  async resetPassword(token: string, newPassword: string, info: ClientInfo): Promise<void> {
    this.assertPasswordAcceptable(newPassword);
    const hash = await hashPassword(newPassword, this.settings);
    const ok = await this.tx(info, async (manager, now) => {
      const resets = manager.getRepository(PasswordReset);
      const reset = await resets.findOne({ where: { tokenHash: sha256(token) }, lock: { mode: 'pessimistic_write' } });
      if (!reset || reset.usedAt || reset.expiresAt <= now) return false;
      const user = await manager.getRepository(UserAccount).findOneOrFail({ where: { id: reset.userId } });
      await resets.update({ id: reset.id }, { usedAt: now });
      await resets.delete({ userId: user.id, usedAt: IsNull() });
      await manager.getRepository(UserAccount).update({ id: user.id }, { passwordHash: hash, passwordChangedAt: now });
      await new ThrottleRepository(manager).clear(this.accountKey(user.emailNormalised));
      await manager.getRepository(Session).delete({ userId: user.id });
      await recordAuthEvent(
        manager,
        AuthEventType.PasswordResetUsed,
        now,
        this.eventFields(info, { userId: user.id, associationId: user.associationId }),
      );
      return true;
    });
    if (!ok) {
      await this.tx(info, (manager, now) =>
        recordAuthEvent(manager, AuthEventType.PasswordResetRefused, now, this.eventFields(info)),
      );
      throw authError(AuthErrorCode.ResetLinkInvalid);
    }
  }

  /** Sessions of several users at once (used when roles change in bulk). */
  async endSessionsOf(ctx: RequestContext, userIds: string[]): Promise<void> {
    if (userIds.length > 0) await ctx.repo(Session).delete({ userId: In(userIds) });
  }
}
