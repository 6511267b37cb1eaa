import { AccountsService, Session, SessionStage } from '@app/auth';
import { inTransaction } from '@app/platform';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

export interface NewTestAccount {
  email: string;
  password?: string;
  displayName?: string;
  mfaRequired?: boolean;
  associationId?: string | null;
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  sessionId: string;
  headers: Record<string, string>;
}

function dataSource(t: TestApp): DataSource {
  return t.app.get(DataSource);
}

/** An account written directly (the CLI and admin screens do the same through AccountsService). */
export async function createAccount(t: TestApp, input: NewTestAccount): Promise<{ id: string }> {
  const accounts = t.app.get(AccountsService);
  return inTransaction(dataSource(t), { requestId: 'test', now: t.clock.now() }, async (ctx) => {
    const account = await accounts.create(ctx, {
      email: input.email,
      displayName: input.displayName ?? input.email.split('@')[0],
      associationId: input.associationId ?? null,
      mfaRequired: input.mfaRequired ?? false,
    });
    if (input.password) await accounts.setPasswordForSeed(ctx, account.id, input.password);
    return { id: account.id };
  });
}

/**
 * A fully signed-in session created in the database: fixtures skip the password and TOTP steps
 * (each TOTP step is accepted once, so real logins in a loop would collide).
 */
export async function signIn(t: TestApp, userId: string): Promise<SignedIn> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = t.clock.now();
  const session = await dataSource(t)
    .getRepository(Session)
    .save({
      tokenHash: createHash('sha256').update(token).digest(),
      userId,
      stage: SessionStage.Done,
      csrfToken,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 10 * 3_600_000),
    });
  const cookie = `envol_session=${token}`;
  return { cookie, csrfToken, sessionId: session.id, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** The session cookie a response set, as a request header value. */
export function cookieFrom(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error('no Set-Cookie in the response');
  return first.split(';')[0];
}
