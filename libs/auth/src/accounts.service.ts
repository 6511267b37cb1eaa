import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/platform';
import { AuthEventType } from './auth-event.entity';
import { recordAuthEvent } from './auth-events';
import { authError, AuthErrorCode } from './auth.errors';
import { AuthSettings } from './auth.settings';
import { PasswordReset } from './password-reset.entity';
import { RecoveryCode } from './recovery-code.entity';
import { hashPassword } from './passwords';
import { newToken, normaliseEmail, sha256 } from './tokens';
import { AccountStatus, UserAccount } from './user-account.entity';

export interface NewAccount {
  email: string;
  displayName: string;
  associationId: string | null;
  mfaRequired?: boolean;
}

export interface ResetLink {
  url: string;
  expiresAt: Date;
}

/** Creating accounts and issuing reset links: nobody ever chooses another user's password. */
@Injectable()
export class AccountsService {
  constructor(private readonly settings: AuthSettings) {}

  findByEmail(ctx: RequestContext, email: string): Promise<UserAccount | null> {
    return ctx.repo(UserAccount).findOne({ where: { emailNormalised: normaliseEmail(email) } });
  }

  async create(ctx: RequestContext, input: NewAccount): Promise<UserAccount> {
    const emailNormalised = normaliseEmail(input.email);
    const existing = await ctx.repo(UserAccount).findOne({ where: { emailNormalised } });
    if (existing) throw authError(AuthErrorCode.EmailTaken);
    const account = await ctx.repo(UserAccount).save(
      ctx.repo(UserAccount).create({
        email: input.email.trim(),
        emailNormalised,
        displayName: input.displayName.trim(),
        associationId: input.associationId,
        status: AccountStatus.Active,
        passwordHash: null,
        mfaRequired: input.mfaRequired ?? false,
      }),
    );
    await recordAuthEvent(ctx.manager, AuthEventType.AccountCreated, ctx.now, {
      userId: account.id,
      associationId: account.associationId,
      requestId: ctx.requestId,
    });
    return account;
  }

  /**
   * A single-use link valid `resetLinkHours`. The token travels in the URL fragment, which browsers
   * never send to the server, so it cannot land in an access log.
   */
  async issueResetLink(
    ctx: RequestContext,
    userId: string,
    baseUrl: string,
    issuedBy: string | null,
  ): Promise<ResetLink> {
    const user = await ctx.repo(UserAccount).findOne({ where: { id: userId } });
    if (!user) throw authError(AuthErrorCode.AccountNotFound);
    const token = newToken();
    const expiresAt = new Date(ctx.now.getTime() + this.settings.resetLinkHours * 3_600_000);
    await ctx.repo(PasswordReset).insert({ tokenHash: sha256(token), userId, issuedBy, expiresAt, usedAt: null });
    await recordAuthEvent(ctx.manager, AuthEventType.PasswordResetIssued, ctx.now, {
      userId,
      associationId: user.associationId,
      requestId: ctx.requestId,
    });
    return { url: `${baseUrl.replace(/\/$/, '')}/reset-password#token=${token}`, expiresAt };
  }

  /** Demo and test data only: sets a known password without a reset link. */
  async setPasswordForSeed(ctx: RequestContext, userId: string, password: string): Promise<void> {
    await ctx
      .repo(UserAccount)
      .update(
        { id: userId },
        { passwordHash: await hashPassword(password, this.settings), passwordChangedAt: ctx.now },
      );
  }

  async setStatus(ctx: RequestContext, userId: string, status: AccountStatus): Promise<void> {
    await ctx.repo(UserAccount).update({ id: userId }, { status });
  }

  async setMfaRequired(ctx: RequestContext, userId: string, required: boolean): Promise<void> {
    await ctx.repo(UserAccount).update({ id: userId }, { mfaRequired: required });
  }

  /** An admin's "reset MFA": the user enrols again at next login (if the role requires it). */
  async resetMfa(ctx: RequestContext, userId: string): Promise<void> {
    await ctx
      .repo(UserAccount)
      .update({ id: userId }, { mfaEnabled: false, totpSecret: null, totpPendingSecret: null, totpLastStep: null });
    await ctx.repo(RecoveryCode).delete({ userId });
  }
}
