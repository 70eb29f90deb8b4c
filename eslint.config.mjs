// ESLint flat config: typescript-eslint with type information, Prettier for formatting,
// and Temporal's determinism rule for workflow code (no Node built-ins in workflows/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import workflowRules from './eslint-workflow-rules.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.tools/**',
      'data/**',
      'coverage/**',
      'eslint.config.mjs',
      'jest.config.js',
      'eslint-workflow-rules.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['workflows/**/*.ts'], rules: workflowRules },
  prettier,
);
