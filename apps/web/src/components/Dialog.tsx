import { Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's Modal as every screen uses it. Rendered in place rather than in a portal: its title bar
 * is a <header>, which at the end of <body> would make a second "banner" landmark next to the
 * app's (axe landmark-no-duplicate-banner); inside <main> it is not a landmark. In place, the
 * fixed layer that centres the dialog needs its left edge set (Mantine leaves it to the static
 * position, which inside <main> is past the navigation). The close button gets a name (Mantine
 * leaves it unnamed).
 */
export function Dialog(props: Omit<ModalProps, 'withinPortal' | 'closeButtonProps' | 'styles'>) {
  const { t } = useTranslation();
  return (
    <Modal
      size="lg"
      {...props}
      withinPortal={false}
      styles={{ inner: { left: 0, right: 0 } }}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    />
  );
}
