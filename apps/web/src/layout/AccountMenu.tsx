import { Button, Menu, Text } from '@mantine/core';
import type { Me } from '@app/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconChevronDown, IconInfoCircle, IconLogout, IconShield, IconUser } from '../components/icons';
import { ACCOUNT_SECURITY_PATH } from '../pages/account/paths';
import { HELP_PATH } from '../pages/help/HelpPage';

/**
 * The signed-in user's menu in the header: who is signed in, account security, sign out. Rendered
 * in place (not in a portal) so that it stays inside the header landmark, and without Mantine's
 * focusable placeholder, which is not a menu item (axe "aria-required-children"): opening the menu
 * focuses its first item, and the arrow keys and Escape work as in any menu.
 */
export function AccountMenu({ me, onSignOut, signingOut }: { me: Me; onSignOut: () => void; signingOut: boolean }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" width={260} withinPortal={false} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          px="xs"
          leftSection={<IconUser size={18} />}
          rightSection={<IconChevronDown size={16} />}
          loading={signingOut}
          // The name alone would not say what the button opens; on a phone only the icon shows.
          aria-label={t('account.menu', { name: me.displayName })}
        >
          <span className="account-menu-name">{me.displayName}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="dark" truncate="end">
            {me.displayName}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {me.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to={ACCOUNT_SECURITY_PATH} leftSection={<IconShield size={16} />}>
          {t('account.security')}
        </Menu.Item>
        <Menu.Item component={Link} to={HELP_PATH} leftSection={<IconInfoCircle size={16} />}>
          {t('account.help')}
        </Menu.Item>
        <Menu.Item onClick={onSignOut} leftSection={<IconLogout size={16} />}>
          {t('account.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
