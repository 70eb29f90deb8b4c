/** ESLint rules that keep workflow code deterministic (Temporal replays it): shared by eslint.config.mjs and tests. */
const { builtinModules } = require('node:module');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

module.exports = {
  'no-restricted-imports': [
    'error',
    {
      paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows must be deterministic: no Node built-ins.' })),
      patterns: [
        {
          group: ['../activities/*', '../lib/db/*', '../lib/xero/*', '../lib/woocommerce/*', '../api/*'],
          allowTypeImports: true,
          message: 'Workflows import only @temporalio/workflow, types and pure code.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
    { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
    { name: 'fetch', message: 'I/O belongs in activities.' },
    { name: 'process', message: 'Workflows must not read the environment.' },
  ],
};
