import { createTheme } from '@mantine/core';

/** Be Vietnam Pro is bundled (all Vietnamese letters, no system-font fallbacks). */
export const theme = createTheme({
  fontFamily: '"Be Vietnam Pro", sans-serif',
  headings: { fontFamily: '"Be Vietnam Pro", sans-serif', fontWeight: '600' },
  primaryColor: 'blue',
  defaultRadius: 'md',
  cursorType: 'pointer',
});
