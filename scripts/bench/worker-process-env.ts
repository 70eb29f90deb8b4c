import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './service-process';

/**
 * The variables `npm run start:worker` sets before starting the worker (the script's leading `NAME=value` words),
 * read from package.json so the bench runs the worker exactly as operators are told to; NODE_OPTIONS is appended to.
 */
export function startWorkerEnvironment(inherited: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = manifest.scripts?.['start:worker'];
  if (!script) throw new Error('package.json has no start:worker script');
  const env: Record<string, string> = {};
  for (const word of script.split(/\s+/)) {
    const assignment = /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(word);
    if (!assignment) break;
    const [, name, value] = assignment as unknown as [string, string, string];
    env[name] = name === 'NODE_OPTIONS' && inherited.NODE_OPTIONS ? `${inherited.NODE_OPTIONS} ${value}` : value;
  }
  return env;
}
