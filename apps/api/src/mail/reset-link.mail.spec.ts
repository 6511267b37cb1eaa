import { resetLinkMail } from './reset-link.mail';

describe('reset-link mail', () => {
  const link = {
    url: 'https://envol.example.org/reset-password#token=abc',
    expiresAt: new Date('2026-12-01T10:00:00Z'),
  };

  it.each(['new_account', 'new_password'] as const)('%s: addressed, with the link and its expiry', (purpose) => {
    const mail = resetLinkMail('someone@example.test', link, purpose);
    expect(mail.to).toBe('someone@example.test');
    expect(mail.text).toContain(link.url);
    expect(mail.text).toContain('2026-12-01T10:00:00.000Z');
  });

  it('says a new account is new', () => {
    expect(resetLinkMail('a@example.test', link, 'new_account').subject).toMatch(/votre compte/);
    expect(resetLinkMail('a@example.test', link, 'new_password').subject).toMatch(/mot de passe/);
  });
});
