import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../i18n';

const SHORT_LABELS: Record<Language, string> = { fr: 'FR', en: 'EN' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage;
  return (
    <Group gap="xs" role="group" aria-label={t('language.label')} wrap="nowrap">
      {LANGUAGES.map((language) => (
        <Button
          key={language}
          size="compact-sm"
          variant={current === language ? 'filled' : 'subtle'}
          aria-pressed={current === language}
          // The name is spoken in its own language, and contains the visible "FR"/"EN".
          aria-label={t(`language.${language}`)}
          lang={language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {SHORT_LABELS[language]}
        </Button>
      ))}
    </Group>
  );
}
