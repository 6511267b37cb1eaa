import { Role } from '@app/contracts';
import {
  ASSIGNABLE_ROLES,
  checkInvitation,
  readUserListSearch,
  sameMembers,
  sortRoles,
  userListApiQuery,
  userListSearchParams,
} from './users';

describe('user list filter', () => {
  it('reads status, role and page from the address bar', () => {
    expect(readUserListSearch(new URLSearchParams('status=disabled&role=dpo&page=3'))).toEqual({
      status: 'disabled',
      role: Role.Dpo,
      page: 3,
    });
  });

  it('drops what the API would refuse', () => {
    expect(readUserListSearch(new URLSearchParams('status=deleted&role=funder&page=-1'))).toEqual({ page: 1 });
    expect(readUserListSearch(new URLSearchParams('role=ADMIN'))).toEqual({ page: 1 });
  });

  it('round-trips through the address bar, leaving page 1 out', () => {
    const filter = { status: 'active' as const, role: Role.Coordinator, page: 2 };
    expect(userListSearchParams(filter).toString()).toBe('status=active&role=coordinator&page=2');
    expect(readUserListSearch(userListSearchParams(filter))).toEqual(filter);
    expect(userListSearchParams({ page: 1 }).toString()).toBe('');
  });

  it('asks the API for one page with the filters set', () => {
    expect(userListApiQuery({ role: Role.Admin, page: 2 }, 20)).toBe('?page=2&pageSize=20&role=admin');
    expect(userListApiQuery({ page: 1 }, 20)).toBe('?page=1&pageSize=20');
  });
});

describe('checkInvitation', () => {
  const valid = { email: 'camille@asso.example', displayName: 'Camille', roles: [Role.SocialWorker] };

  it('accepts a complete invitation', () => {
    expect(checkInvitation(valid)).toEqual({});
    expect(checkInvitation({ ...valid, email: '  camille@asso.example  ' })).toEqual({});
  });

  it.each([
    [{ email: '' }, { email: 'required' }],
    [{ email: '   ' }, { email: 'required' }],
    [{ email: 'camille' }, { email: 'invalid' }],
    [{ email: 'camille@asso' }, { email: 'invalid' }],
    [{ email: 'a b@asso.example' }, { email: 'invalid' }],
    [{ email: `${'a'.repeat(250)}@x.fr` }, { email: 'tooLong' }],
    [{ displayName: ' ' }, { displayName: 'required' }],
    [{ displayName: 'é'.repeat(121) }, { displayName: 'tooLong' }],
    [{ roles: [] }, { roles: 'required' }],
  ])('explains %j', (change, problems) => {
    expect(checkInvitation({ ...valid, ...change })).toEqual(problems);
  });

  it('counts characters, not UTF-16 units, like the server', () => {
    expect(checkInvitation({ ...valid, displayName: '🙂'.repeat(120) })).toEqual({});
  });
});

describe('roles', () => {
  it('never offers the funder role', () => {
    expect(ASSIGNABLE_ROLES).not.toContain(Role.Funder);
    expect(ASSIGNABLE_ROLES).toHaveLength(5);
  });

  it('sorts roles in the canonical order', () => {
    expect(sortRoles([Role.Dpo, Role.SocialWorker, Role.Admin])).toEqual([Role.SocialWorker, Role.Admin, Role.Dpo]);
  });

  it('compares lists whatever their order', () => {
    expect(sameMembers(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameMembers(['a'], ['a', 'b'])).toBe(false);
    expect(sameMembers([], [])).toBe(true);
  });
});
