import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Colours chosen for contrast on white (WCAG AA for text on the light variants).
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  defaultRadius: 'sm',
  autoContrast: true,
});

/** Dimmed text and placeholders in gray 7: Mantine's gray 6 is 3.3:1 on white, below WCAG AA. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
  },
  dark: {},
});
