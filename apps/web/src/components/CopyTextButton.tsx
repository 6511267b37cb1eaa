import { Button, CopyButton, VisuallyHidden } from '@mantine/core';

/** The clipboard API exists only in secure contexts (https, localhost). */
export function canCopy(): boolean {
  return typeof navigator !== 'undefined' && window.isSecureContext && navigator.clipboard !== undefined;
}

/**
 * Copies `value`; the button's words change to `copiedLabel` for a moment, and a status message
 * says so to screen readers.
 */
export function CopyTextButton({ value, label, copiedLabel }: { value: string; label: string; copiedLabel: string }) {
  if (!canCopy()) return null;
  return (
    <CopyButton value={value} timeout={3000}>
      {({ copied, copy }) => (
        <>
          <Button variant="default" onClick={copy}>
            {copied ? copiedLabel : label}
          </Button>
          <VisuallyHidden role="status">{copied ? copiedLabel : ''}</VisuallyHidden>
        </>
      )}
    </CopyButton>
  );
}
