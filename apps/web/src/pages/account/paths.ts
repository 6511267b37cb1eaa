export const ACCOUNT_SECURITY_PATH = '/account/security';
export const ACCOUNT_PASSWORD_PATH = '/account/security/password';
export const ACCOUNT_MFA_PATH = '/account/security/two-step';
