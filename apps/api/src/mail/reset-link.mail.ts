import type { Mail } from '@app/platform';

export type ResetLinkPurpose = 'new_account' | 'new_password';

const SUBJECTS: Record<ResetLinkPurpose, string> = {
  new_account: 'Envol : votre compte / your account',
  new_password: 'Envol : choisissez votre mot de passe / choose your password',
};

const OPENINGS: Record<ResetLinkPurpose, string> = {
  new_account: 'Un compte Envol a été créé pour vous. Choisissez votre mot de passe avec ce lien',
  new_password: 'Choisissez votre mot de passe Envol avec ce lien',
};

/**
 * The one message that carries a reset link, whoever issues it (operator CLI, admin screens):
 * the link and its expiry, nothing about the people accompanied.
 */
export function resetLinkMail(to: string, link: { url: string; expiresAt: Date }, purpose: ResetLinkPurpose): Mail {
  const until = link.expiresAt.toISOString();
  return {
    to,
    subject: SUBJECTS[purpose],
    text:
      `Bonjour,\n\n${OPENINGS[purpose]} (une seule fois, avant le ${until}) :\n${link.url}\n\n` +
      `To choose your Envol password, open the link above (single use, before ${until}).\n`,
  };
}
