import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir } from '../lib/files/private-dir';
import { publishFileOnce } from '../lib/files/publish-file';
import { generateToken } from '../lib/secrets';

/** Name of the file, in the data folder, holding the generated operator token of the embedded default. */
export const OPERATOR_TOKEN_FILE = 'operator-token';

/** Where the operator token came from, and the file that holds it when generated. */
export interface OperatorTokenSource {
  token: string;
  origin: 'config' | 'file' | 'created';
  file?: string;
}

/** The configured OPERATOR_TOKEN, else `${dataDir}/operator-token`, published atomically (mode 0600) on first use. */
export async function resolveOperatorToken(
  operatorToken: string | undefined,
  dataDir: string,
): Promise<OperatorTokenSource> {
  if (operatorToken) return { token: operatorToken, origin: 'config' };
  const file = path.join(dataDir, OPERATOR_TOKEN_FILE);
  await ensurePrivateDir(dataDir);
  // Written whole, then linked into place: concurrent first starts agree on one token and never read a partial file.
  const created = await publishFileOnce(file, `${generateToken('op', 40)}\n`);
  return { token: await readToken(file), origin: created ? 'created' : 'file', file };
}

async function readToken(file: string): Promise<string> {
  const token = (await readFile(file, 'utf8')).trim();
  if (token.length < 16) throw new Error(`The operator token in ${file} is shorter than 16 characters.`);
  return token;
}
