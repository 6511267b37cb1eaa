import { createInstance, type i18n as I18n } from 'i18next';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { ApiError, NETWORK_ERROR } from './client';
import { errorMessage, invalidFields, isVersionConflict, retryAfterMinutes } from './errors';

describe('retryAfterMinutes', () => {
  it.each([
    [1, 1],
    [59, 1],
    [60, 1],
    [61, 2],
    [840, 14],
    [900, 15],
    [0, 1],
  ])('rounds %i s up to %i min', (seconds, minutes) => {
    expect(retryAfterMinutes(seconds)).toBe(minutes);
  });

  it.each([[undefined], [Number.NaN], [-1], [Number.POSITIVE_INFINITY]])('has no answer for %p', (seconds) => {
    expect(retryAfterMinutes(seconds)).toBeUndefined();
  });
});

describe('errorMessage', () => {
  it.each([
    ['INVALID_CREDENTIALS', 401, 'errors.invalidCredentials'],
    ['INVALID_MFA_CODE', 401, 'errors.invalidMfaCode'],
    ['MFA_NOT_PENDING', 409, 'errors.mfaNotPending'],
    ['MFA_ENROLMENT_NOT_STARTED', 409, 'errors.enrolmentNotStarted'],
    ['UNAUTHENTICATED', 401, 'errors.sessionExpired'],
    ['SESSION_EXPIRED', 401, 'errors.sessionExpired'],
    ['CSRF_TOKEN_INVALID', 403, 'errors.csrfTokenInvalid'],
    ['PASSWORD_TOO_LONG', 400, 'errors.passwordTooLong'],
    ['PASSWORD_TOO_COMMON', 400, 'errors.passwordTooCommon'],
    ['RESET_LINK_INVALID', 400, 'errors.resetLinkInvalid'],
    ['VALIDATION_FAILED', 400, 'errors.validationFailed'],
    ['INTERNAL_ERROR', 500, 'errors.internal'],
    [NETWORK_ERROR, 0, 'errors.network'],
    ['FORBIDDEN', 403, 'errors.forbidden'],
    ['NOT_FOUND', 404, 'errors.notFound'],
    ['USER_NOT_FOUND', 404, 'errors.notFound'],
    ['GRANT_NOT_FOUND', 404, 'errors.notFound'],
    ['VERSION_CONFLICT', 409, 'errors.versionConflict'],
    ['EMAIL_TAKEN', 409, 'errors.emailTaken'],
    ['ROLE_NOT_ASSIGNABLE', 400, 'errors.roleNotAssignable'],
    ['CANNOT_REMOVE_OWN_ADMIN', 409, 'errors.cannotRemoveOwnAdmin'],
    ['CANNOT_DISABLE_SELF', 409, 'errors.cannotDisableSelf'],
    ['SITE_CODE_TAKEN', 409, 'errors.siteCodeTaken'],
    ['TEAM_NAME_TAKEN', 409, 'errors.teamNameTaken'],
  ])('translates %s', (code, status, key) => {
    expect(errorMessage(new ApiError(status, code))).toEqual({ key });
  });

  it('gives the minutes to wait from Retry-After', () => {
    expect(errorMessage(new ApiError(429, 'TOO_MANY_ATTEMPTS', [], 840))).toEqual({
      key: 'errors.tooManyAttempts',
      values: { count: 14 },
    });
  });

  it('says "a few minutes" without Retry-After', () => {
    expect(errorMessage(new ApiError(429, 'TOO_MANY_ATTEMPTS'))).toEqual({ key: 'errors.tooManyAttemptsLater' });
  });

  it('treats any 429 as throttling', () => {
    expect(errorMessage(new ApiError(429, 'TOO_MANY_REQUESTS', [], 30))).toEqual({
      key: 'errors.tooManyAttempts',
      values: { count: 1 },
    });
  });

  it('states the minimum length of a password', () => {
    expect(errorMessage(new ApiError(400, 'PASSWORD_TOO_SHORT'))).toEqual({
      key: 'errors.passwordTooShort',
      values: { min: 12 },
    });
  });

  it.each([
    [new ApiError(418, 'SOMETHING_NEW'), 'errors.unexpected'],
    [new ApiError(503, 'SOMETHING_NEW'), 'errors.internal'],
    [new ApiError(400, 'constructor'), 'errors.unexpected'],
    [new Error('boom'), 'errors.unexpected'],
    ['boom', 'errors.unexpected'],
  ])('never shows an unknown code: %p', (error, key) => {
    expect(errorMessage(error)).toEqual({ key });
  });

  it('recognises a version conflict', () => {
    expect(isVersionConflict(new ApiError(409, 'VERSION_CONFLICT'))).toBe(true);
    expect(isVersionConflict(new ApiError(409, 'EMAIL_TAKEN'))).toBe(false);
    expect(isVersionConflict(new Error('VERSION_CONFLICT'))).toBe(false);
  });

  it('lists the fields a validation failure names', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', [{ field: 'email', code: 'isEmail' }, { code: 'whitelist' }]);
    expect([...invalidFields(error)]).toEqual(['email']);
    expect(invalidFields(new ApiError(409, 'EMAIL_TAKEN', [{ field: 'email', code: 'x' }])).size).toBe(0);
  });

  describe('in words', () => {
    const instances: Record<'fr' | 'en', I18n> = { fr: createInstance(), en: createInstance() };
    beforeAll(async () => {
      await instances.fr.init({
        lng: 'fr',
        resources: { fr: { translation: fr } },
        interpolation: { escapeValue: false },
      });
      await instances.en.init({
        lng: 'en',
        resources: { en: { translation: en } },
        interpolation: { escapeValue: false },
      });
    });

    const say = (language: 'fr' | 'en', error: ApiError): string => {
      const message = errorMessage(error);
      return instances[language].t(message.key, message.values ?? {});
    };

    it('says how many minutes to wait, in French and in English, singular and plural', () => {
      expect(say('fr', new ApiError(429, 'TOO_MANY_ATTEMPTS', [], 900))).toContain('réessayez dans 15 minutes.');
      expect(say('fr', new ApiError(429, 'TOO_MANY_ATTEMPTS', [], 45))).toContain('réessayez dans 1 minute.');
      expect(say('en', new ApiError(429, 'TOO_MANY_ATTEMPTS', [], 900))).toContain('try again in 15 minutes.');
      expect(say('en', new ApiError(429, 'TOO_MANY_ATTEMPTS', [], 45))).toContain('try again in 1 minute.');
    });

    it('says the minimum length of a password', () => {
      expect(say('fr', new ApiError(400, 'PASSWORD_TOO_SHORT'))).toBe(
        'Le mot de passe doit contenir au moins 12 caractères.',
      );
    });

    it('does not say whether the account exists', () => {
      const text = say('fr', new ApiError(401, 'INVALID_CREDENTIALS'));
      expect(text).toBe('Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie, puis réessayez.');
      expect(text).not.toMatch(/inconnu|existe|introuvable/i);
    });
  });
});
