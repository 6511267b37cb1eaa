import { TextInput, type TextInputProps } from '@mantine/core';
import type { Ref } from 'react';

type Props = Omit<TextInputProps, 'type' | 'inputMode' | 'autoComplete'> & {
  mode: 'totp' | 'recovery';
  ref?: Ref<HTMLInputElement>;
};

/**
 * The code of an authenticator app (digits, filled in by the phone's keyboard suggestion through
 * autocomplete="one-time-code"), or a recovery code (letters, digits and a hyphen).
 */
export function OneTimeCodeField({ mode, ...props }: Props) {
  return mode === 'totp' ? (
    <TextInput
      {...props}
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      spellCheck={false}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.2em' } }}
    />
  ) : (
    <TextInput
      {...props}
      type="text"
      autoComplete="off"
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      maxLength={32}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
    />
  );
}
