import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { homePath } from '../auth/routing';
import { useSession } from '../auth/session';

/**
 * A screen the user's roles do not open (typed or bookmarked URL). Says so plainly and where to
 * go instead; the API would refuse the data anyway.
 */
export function ForbiddenPage() {
  const { t } = useTranslation();
  const roles = useSession().data?.me?.roles ?? [];
  return (
    <Stack gap="lg" maw={720} align="flex-start">
      <Title order={1}>{t('forbidden.title')}</Title>
      <Text>{t('forbidden.body')}</Text>
      <Anchor component={Link} to={homePath(roles)}>
        {t('forbidden.back')}
      </Anchor>
    </Stack>
  );
}
