import type { ESLint } from 'eslint';

/** Types for the plain-JS local plugin, so TypeScript callers (the lint tests) can import it. */
declare const plugin: ESLint.Plugin;
export default plugin;
