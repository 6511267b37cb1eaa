import { Anchor, createTheme, type CSSVariablesResolver } from '@mantine/core';

// Mantine's defaults give the single type and spacing scales; only contrast is adjusted here.
export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 6 on white is about 3.6:1; shade 8 passes 4.5:1 for text on filled buttons and links.
  primaryShade: { light: 8, dark: 6 },
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  components: {
    // A link must look like one without relying on its colour.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});

// The default "dimmed" grey (gray.6) fails 4.5:1 on white, and the "light" variant's text (the
// active menu entry) fails it on its own tinted background; one shade darker passes both. Same for
// the red of field errors.
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': resolved.colors.gray[7],
    '--mantine-primary-color-light-color': resolved.colors.blue[9],
    '--mantine-color-blue-light-color': resolved.colors.blue[9],
    // Field errors (red.6 by default) are small text: red.9 passes 4.5:1 on white.
    '--mantine-color-error': resolved.colors.red[9],
  },
  dark: {},
});
