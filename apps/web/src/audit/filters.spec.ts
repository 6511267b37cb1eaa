import {
  auditApiQuery,
  auditExportQuery,
  auditSearchParams,
  checkAuditFilters,
  EMPTY_AUDIT_FILTERS,
  hasAuditFilters,
  normaliseAuditFilters,
  parisDayStart,
  readAuditSearch,
  type AuditFilters,
} from './filters';

const ACTOR = '0b6c4f1e-1111-4222-8333-444455556666';
const filters = (change: Partial<AuditFilters>): AuditFilters => ({ ...EMPTY_AUDIT_FILTERS, ...change });

describe('parisDayStart', () => {
  it('is midnight in Paris, in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(parisDayStart('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
    expect(parisDayStart('2026-07-15')).toBe('2026-07-14T22:00:00.000Z');
  });

  it('adds days across a month end and a clock change', () => {
    expect(parisDayStart('2026-01-31', 1)).toBe('2026-01-31T23:00:00.000Z');
    // Summer time starts on 29 March 2026: the day after 28 March starts at UTC+1, the next at +2.
    expect(parisDayStart('2026-03-28', 1)).toBe('2026-03-28T23:00:00.000Z');
    expect(parisDayStart('2026-03-29', 1)).toBe('2026-03-29T22:00:00.000Z');
  });

  it.each([['2026-02-30'], ['2026-13-01'], ['26-01-01'], [''], ['2026-1-1']])('refuses %j', (value) => {
    expect(parisDayStart(value)).toBeNull();
  });
});

describe('checkAuditFilters', () => {
  it('accepts no filter at all', () => {
    expect(checkAuditFilters(EMPTY_AUDIT_FILTERS)).toEqual({});
  });

  it('accepts well-formed filters', () => {
    expect(
      checkAuditFilters(
        filters({ actorId: ACTOR, action: 'auth.login.failed', objectId: '42', from: '2026-05-01', to: '2026-05-01' }),
      ),
    ).toEqual({});
  });

  it.each([
    [{ actorId: '0b6c4f1e' }, { actorId: 'uuid' }],
    [{ actorId: '0b6c4f1e-1111-1222-8333-444455556666' }, { actorId: 'uuid' }],
    [{ action: 'User Roles' }, { action: 'actionCode' }],
    [{ action: 'a'.repeat(65) }, { action: 'actionCode' }],
    [{ objectId: 'x'.repeat(65) }, { objectId: 'tooLong' }],
    [{ from: '2026-02-30' }, { from: 'date' }],
    [{ to: 'demain' }, { to: 'date' }],
    [{ from: '2026-05-02', to: '2026-05-01' }, { to: 'range' }],
  ] as const)('explains %j', (change, problems) => {
    expect(checkAuditFilters(filters(change))).toEqual(problems);
  });
});

describe('normaliseAuditFilters', () => {
  it('trims and lowers ids and codes, keeps object ids as typed', () => {
    expect(
      normaliseAuditFilters(
        filters({ actorId: ` ${ACTOR.toUpperCase()} `, action: ' User.Invited ', objectId: ' AbC ' }),
      ),
    ).toEqual(filters({ actorId: ACTOR, action: 'user.invited', objectId: 'AbC' }));
  });
});

describe('auditApiQuery', () => {
  it('sends the page, and the days as instants with the last day included', () => {
    expect(auditApiQuery(filters({ from: '2026-05-01', to: '2026-05-03' }), 2, 50)).toBe(
      '?page=2&pageSize=50&from=2026-04-30T22%3A00%3A00.000Z&to=2026-05-03T22%3A00%3A00.000Z',
    );
  });

  it('sends ids and codes as they are, and leaves out the empty filters', () => {
    expect(auditApiQuery(filters({ actorId: ACTOR, action: 'user.invited' }), 1, 50)).toBe(
      `?page=1&pageSize=50&actorId=${ACTOR}&action=user.invited`,
    );
    expect(auditApiQuery(EMPTY_AUDIT_FILTERS, 1, 50)).toBe('?page=1&pageSize=50');
  });
});

describe('auditExportQuery', () => {
  it('has the filters and no paging', () => {
    expect(auditExportQuery(filters({ objectId: '42', to: '2026-01-15' }))).toBe(
      '?objectId=42&to=2026-01-15T23%3A00%3A00.000Z',
    );
    expect(auditExportQuery(EMPTY_AUDIT_FILTERS)).toBe('');
  });
});

describe('address bar', () => {
  it('keeps days as typed and round-trips', () => {
    const kept = filters({ actorId: ACTOR, action: 'refused.get', from: '2026-05-01' });
    const params = auditSearchParams(kept, 3);
    expect(params.toString()).toBe(`actorId=${ACTOR}&action=refused.get&from=2026-05-01&page=3`);
    expect(readAuditSearch(params)).toEqual({ filters: kept, page: 3 });
  });

  it('leaves page 1 out and ignores unknown parameters', () => {
    expect(auditSearchParams(EMPTY_AUDIT_FILTERS, 1).toString()).toBe('');
    expect(readAuditSearch(new URLSearchParams('name=Dupont&page=x'))).toEqual({
      filters: EMPTY_AUDIT_FILTERS,
      page: 1,
    });
  });

  it('knows whether any filter is set', () => {
    expect(hasAuditFilters(EMPTY_AUDIT_FILTERS)).toBe(false);
    expect(hasAuditFilters(filters({ to: '2026-01-01' }))).toBe(true);
  });
});
