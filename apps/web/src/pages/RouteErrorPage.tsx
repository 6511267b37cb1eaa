import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Rendered by the router in place of the whole shell when a screen throws while rendering.
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl" component="main" id="main" tabIndex={-1}>
      <Stack gap="lg" align="flex-start">
        <Title order={1}>{t('error.title')}</Title>
        <Text>{t('error.body')}</Text>
        <Button onClick={() => window.location.reload()}>{t('error.reload')}</Button>
      </Stack>
    </Container>
  );
}
