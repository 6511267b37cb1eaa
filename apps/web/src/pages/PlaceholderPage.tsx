import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconInfoCircle } from '../components/icons';
import type { NavigationEntry } from '../navigation';

export function PlaceholderPage({ entry }: { entry: NavigationEntry }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" maw={720} align="flex-start">
      <Title order={1}>{t(entry.labelKey)}</Title>
      {/* A static notice, not an interruption: role "note" instead of Mantine's default "alert". */}
      <Alert role="note" variant="outline" icon={<IconInfoCircle />} title={t('placeholder.badge')} w="100%">
        <Text inherit>{t(entry.later ? 'placeholder.bodyLater' : 'placeholder.body')}</Text>
      </Alert>
      <Anchor component={Link} to="/status">
        {t('placeholder.back')}
      </Anchor>
    </Stack>
  );
}
