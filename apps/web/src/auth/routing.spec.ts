import { homePath, pathForStage, resetTokenFromHash, returnPathOf, safeReturnPath } from './routing';

describe('pathForStage', () => {
  it.each([
    ['mfa', '/login/mfa'],
    ['enrol', '/login/enrol'],
    ['done', '/'],
  ] as const)('sends %s to %s', (stage, path) => {
    expect(pathForStage(stage)).toBe(path);
  });
});

describe('homePath', () => {
  it('is the service status for an account without roles', () => {
    expect(homePath([])).toBe('/status');
  });

  it('is the first entry of the role', () => {
    expect(homePath(['social_worker'])).toBe('/caseload');
    expect(homePath(['admin'])).toBe('/admin/users');
  });
});

describe('safeReturnPath', () => {
  it.each(['/caseload', '/account/security', '/persons/42?tab=journal', '/status'])('accepts %s', (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['caseload'],
    [''],
    ['/login'],
    ['/login?x=1'],
    ['/login/mfa'],
    ['/login/enrol'],
    ['/reset-password'],
    [undefined],
    [42],
  ])('refuses %p', (from) => {
    expect(safeReturnPath(from)).toBeNull();
  });

  it('reads it from router state', () => {
    expect(returnPathOf({ from: '/deadlines' })).toBe('/deadlines');
    expect(returnPathOf({ from: '//evil.example' })).toBeNull();
    expect(returnPathOf(null)).toBeNull();
    expect(returnPathOf('/deadlines')).toBeNull();
  });
});

describe('resetTokenFromHash', () => {
  it('reads the token of a reset link', () => {
    expect(resetTokenFromHash('#token=abc-DEF_123')).toBe('abc-DEF_123');
    expect(resetTokenFromHash('token=abc')).toBe('abc');
  });

  it.each([[''], ['#'], ['#token='], ['#token=%20'], ['#other=abc']])('finds none in %j', (hash) => {
    expect(resetTokenFromHash(hash)).toBeNull();
  });
});
