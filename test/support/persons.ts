import type { PersonIdentity } from '@app/contracts';
import { PeopleService, type NewPerson } from '@app/people';
import { inTransaction, type Actor } from '@app/platform';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

/** A visibly fictitious file; fields can be overridden. */
export function personInput(overrides: Partial<PersonIdentity> = {}, extra: Partial<NewPerson> = {}): NewPerson {
  return {
    identity: {
      legalName: 'Testa Fictiva',
      usedName: null,
      aliases: [],
      birthDate: '1995-04-12',
      phones: [],
      email: null,
      address: null,
      verification: 'unverified',
      documents: [],
      ...overrides,
    },
    safeContact: { channel: 'sms', hours: 'après 14 h', neverCall: true, codeWord: null, lettersAllowed: false },
    attributes: {
      birthYear: 1995,
      gender: 'woman',
      nationalityGroup: 'sub_saharan_africa',
      languages: ['en'],
      departement: '75',
    },
    acknowledgeDuplicates: true,
    ...extra,
  };
}

/** Creates a file as this actor would (their team and site), directly through the service. */
export async function createPerson(
  t: TestApp,
  actor: Actor,
  input: NewPerson = personInput(),
): Promise<{ id: string; fileNumber: string }> {
  return inTransaction(t.app.get(DataSource), { requestId: 'seed', now: t.clock.now(), actor }, async (ctx) => {
    const file = await t.app.get(PeopleService).create(ctx, input);
    return { id: file.id, fileNumber: file.fileNumber };
  });
}
