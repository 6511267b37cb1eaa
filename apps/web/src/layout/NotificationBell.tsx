import { ActionIcon, Indicator } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fetchUnreadCount, reminderKeys } from '../api/reminders';
import { NOTIFICATIONS_PATH } from '../pages/reminders/paths';

const POLL_MS = 60_000;

/** The bell in the header: unread notifications, read again every minute. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useQuery({
    queryKey: reminderKeys.unread(),
    queryFn: ({ signal }) => fetchUnreadCount(signal),
    refetchInterval: POLL_MS,
  });
  const count = unread.data?.unread ?? 0;
  return (
    <Indicator label={count > 99 ? '99+' : count} size={16} disabled={count === 0} color="red">
      <ActionIcon
        component={Link}
        to={NOTIFICATIONS_PATH}
        variant="subtle"
        size="lg"
        aria-label={t('notifications.bell', { count })}
      >
        <svg
          width="20"
          height="20"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          aria-hidden="true"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}
