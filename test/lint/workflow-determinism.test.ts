import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

// The same rules eslint.config.mjs applies to workflows/ (a CommonJS module so both can load it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workflowRules = require('../../eslint-workflow-rules.js') as Linter.RulesRecord;

function lint(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser }, rules: workflowRules },
  ];
  return linter.verify(code, config, 'workflows/probe.ts').map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the lint rules that keep workflows deterministic', () => {
  it('refuse Node built-ins, I/O modules and timers', () => {
    const problems = lint(
      [
        "import fs from 'node:fs';",
        "import crypto from 'crypto';",
        "import { openDatabase } from '../lib/db/open-database';",
        'export const probe = [fs, crypto, openDatabase, setTimeout, process.env];',
      ].join('\n'),
    );
    expect(problems.filter((p) => p.startsWith('no-restricted-imports'))).toHaveLength(3);
    expect(problems.filter((p) => p.startsWith('no-restricted-globals'))).toHaveLength(2);
  });

  it('allow type-only imports of activities and the Temporal workflow API', () => {
    const problems = lint(
      [
        "import type { SyncActivities } from '../activities/types';",
        "import { sleep } from '@temporalio/workflow';",
        'export const probe = (a: SyncActivities) => [a, sleep];',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
  });
});
