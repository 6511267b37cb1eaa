import { Kbd, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const HELP_PATH = '/help';

/** Short help: quick exit first (it matters most in a shared space), then the journal's keys. */
export function HelpPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={760}>
      <Title order={1}>{t('help.title')}</Title>
      <Stack gap="xs" component="section" aria-labelledby="help-quick-exit">
        <Title order={2} id="help-quick-exit">
          {t('help.quickExit.title')}
        </Title>
        <Text>{t('help.quickExit.what')}</Text>
        <List>
          <List.Item>{t('help.quickExit.button')}</List.Item>
          <List.Item>
            <Kbd>{t('help.keys.escape')}</Kbd> <Kbd>{t('help.keys.escape')}</Kbd> — {t('help.quickExit.keys')}
          </List.Item>
        </List>
        <Text>{t('help.quickExit.after')}</Text>
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="help-journal">
        <Title order={2} id="help-journal">
          {t('help.journal.title')}
        </Title>
        <List>
          <List.Item>
            <Kbd>n</Kbd> — {t('help.journal.focus')}
          </List.Item>
          <List.Item>
            <Kbd>↑</Kbd> <Kbd>↓</Kbd> — {t('help.journal.type')}
          </List.Item>
          <List.Item>
            <Kbd>Tab</Kbd> — {t('help.journal.tab')}
          </List.Item>
          <List.Item>
            <Kbd>Ctrl</Kbd> + <Kbd>{t('help.keys.enter')}</Kbd> — {t('help.journal.save')}
          </List.Item>
        </List>
        <Text>{t('help.journal.confidentiality')}</Text>
        <List>
          <List.Item>{t('help.journal.team')}</List.Item>
          <List.Item>{t('help.journal.referent')}</List.Item>
          <List.Item>{t('help.journal.author')}</List.Item>
        </List>
        <Text>{t('help.journal.history')}</Text>
      </Stack>
    </Stack>
  );
}
