import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { pageCount } from '../api/query';

/**
 * Previous and next page, and where we are in words ("Page 2 sur 5"): two buttons are easier to
 * reach by keyboard and to read on a phone than a row of page numbers.
 */
export function Pager({
  page,
  total,
  pageSize,
  onPage,
}: {
  page: number;
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = pageCount(total, pageSize);
  // Also shown past the last page (an address kept from a longer list), to come back from there.
  if (pages <= 1 && page <= 1) return null;
  return (
    <Group component="nav" aria-label={t('pager.label')} justify="space-between" wrap="wrap" gap="sm">
      <Text>{t('pager.position', { page, pages })}</Text>
      <Group gap="xs">
        <Button variant="default" disabled={page <= 1} onClick={() => onPage(Math.min(page - 1, pages))}>
          {t('pager.previous')}
        </Button>
        <Button variant="default" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('pager.next')}
        </Button>
      </Group>
    </Group>
  );
}
