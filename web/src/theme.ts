import { createTheme } from '@mantine/core';

// Colours chosen for contrast on white (WCAG AA for text on the light variants).
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  defaultRadius: 'sm',
  autoContrast: true,
});
