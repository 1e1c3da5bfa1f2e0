// Flat config. The layering of ARCHITECTURE.md is enforced here rather than remembered:
// main/core and main/demo never import electron; renderer/ never imports node, electron or main/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const electronOnlyInShell = {
  paths: [{ name: 'electron', message: 'main/core and main/demo run in plain Node: no electron imports.' }],
  patterns: [
    { group: ['electron/*'], message: 'main/core and main/demo run in plain Node: no electron imports.' },
    { group: ['**/shell/**', '**/shell'], message: 'core and demo must not depend on the Electron shell.' },
  ],
};

const rendererIsolation = {
  paths: [
    { name: 'electron', message: 'The renderer is sandboxed: talk to main only through window.switchboard.' },
    ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a browser: no Node modules.' })),
  ],
  patterns: [
    { group: ['electron/*'], message: 'The renderer is sandboxed: no electron imports.' },
    { group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' },
    {
      group: [
        '**/main/**',
        '**/main',
        '**/preload/*',
        '!**/preload/contract.ts',
        '!**/preload/contact-search.ts',
      ],
      message:
        'The renderer may import only the contract (preload/contract.ts, preload/contact-search.ts) from outside renderer/.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'test-results/', '.vite/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['main/core/**/*.ts', 'main/demo/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInShell] },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.svelte', 'renderer/src/**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererIsolation] },
  },
  {
    // Shell decisions are pure (tested in Node); Electron calls live in main/shell/electron-main/.
    files: ['main/shell/*.ts'],
    ignores: ['main/shell/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowTypeImports: true,
              message:
                'Pure shell modules: import type only; Electron calls live in main/shell/electron-main/.',
            },
          ],
          patterns: [
            { group: ['**/electron-main/**'], message: 'Pure shell modules must not depend on the glue.' },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/main'],
              message: 'The preload is bundled alone into a sandboxed renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
);
