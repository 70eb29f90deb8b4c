import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** Recorded workflow histories: data (their failures' stack traces name the recording machine's paths), not code. */
const RECORDED_HISTORIES = 'test/workflows/histories/';

/** Code, scripts and configuration tracked in the repository (docs may mention the design folder; code may not). */
function trackedCode(): string[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return files
    .split('\n')
    .filter((file) => /\.(ts|js|mjs|cjs|json|sh)$/.test(file) || file.startsWith('.ci/'))
    .filter((file) => !file.startsWith(RECORDED_HISTORIES));
}

describe('the repository is self-contained', () => {
  it('reads no file from outside itself (a clone with nothing beside it must build and test)', () => {
    // An absolute path into the machine this was written on, or a relative one climbing out to a sibling folder.
    const outside = /\/work\/|\.\.\/shared(?![\w-])|'\.\.', '\.\.', '\.\.'/;
    const offenders = trackedCode().filter((file) => outside.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
