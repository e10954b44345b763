import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Imports the engine may never make: it runs unchanged in a Web Worker, in Node and in tests. */
const engineForbidden = {
  paths: ['react', 'react-dom', 'fs', 'path', 'child_process', 'os', 'crypto', 'buffer', 'events', 'stream', 'util', 'zustand', '@xterm/xterm']
    .map((name) => ({ name, message: 'The engine must not import the UI, the DOM or Node built-ins (DESIGN.md rule 1).' })),
  patterns: [
    { group: ['node:*'], message: 'The engine must not import Node built-ins (DESIGN.md rule 1).' },
    { group: ['**/ui/**', '**/ui', '**/worker/**', '**/embed/**'], message: 'The engine must not import the UI (DESIGN.md rule 1).' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
      'no-control-regex': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts', 'src/engine/**/testsuite/**'],
    rules: {
      'no-restricted-imports': ['error', engineForbidden],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'No DOM in the engine.' },
        { name: 'document', message: 'No DOM in the engine.' },
        { name: 'postMessage', message: 'Only src/worker/ talks to the page.' },
        { name: 'process', message: 'No Node globals in the engine.' },
        { name: 'Buffer', message: 'Use Uint8Array in the engine.' },
        { name: 'require', message: 'No CommonJS in the engine.' },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/embed/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['bin/**', 'e2e/**', 'bench/**', '*.config.*', '.ci/**'],
    languageOptions: { globals: globals.node },
  },
);
