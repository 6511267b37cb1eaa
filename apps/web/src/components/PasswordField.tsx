import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A password input whose show/hide button is reachable by keyboard and named (Mantine leaves it
 * out of the tab order and hidden from assistive technology by default). Its pressed state says
 * whether the password is shown.
 */
export function PasswordField(
  props: Omit<PasswordInputProps, 'visibilityToggleButtonProps'> & { ref?: Ref<HTMLInputElement> },
) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      {...props}
      visibilityToggleButtonProps={{ 'aria-label': t('password.show'), tabIndex: 0, 'aria-hidden': false }}
    />
  );
}
