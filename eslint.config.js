// ESLint flat config. Type-aware (typescript-eslint projectService: each file
// is checked with the tsconfig of its own environment), plus the project's
// local rules in eslint/: default-deny import boundaries between layers,
// the one door into IPC, and a reason on every suppression.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import local from './eslint/plugin.js';

const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setInterval: 'readonly',
  clearInterval: 'readonly',
  performance: 'readonly',
  structuredClone: 'readonly',
  fetch: 'readonly',
  AbortController: 'readonly',
  TextEncoder: 'readonly',
  TextDecoder: 'readonly',
  URLSearchParams: 'readonly',
  queueMicrotask: 'readonly',
};

export default tseslint.config(
  {
    // Root dot-files and .tmp* files are local scratch and tool settings, not project code.
    ignores: ['.*', '**/.tmp*', 'dist/**', 'dist-electron/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', '.data/**', 'coverage/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    plugins: { local },
    rules: {
      'local/import-boundaries': 'error',
      'local/ipc-only-in-adapters': 'error',
      'local/disable-needs-reason': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      parserOptions: {
        projectService: {
          // Root-level config files and scripts belong to no environment's tsconfig.
          allowDefaultProject: ['*.config.ts', 'renderer/vite.config.ts', 'scripts/*.ts', 'eslint/*.d.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // TypeScript already reports undefined names, with the right lib per environment.
      'no-undef': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true, 'ts-nocheck': true, minimumDescriptionLength: 5 }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // `const self = this` is how object-literal methods reach their owner; other aliases stay errors.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['self'] }],
    },
  },
  {
    // Benchmarks belong to no environment's tsconfig: linted without type information.
    files: ['bench/**/*.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { projectService: false } },
  },
  {
    // Only the two classic hook rules: the React Compiler rules in the plugin's preset are not adopted.
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
