/**
 * Child process of the operator-token race test: on "go" (stdin), resolves the token in `${base}/round-N` for
 * every round and prints one JSON line of tokens (or error messages), so that several processes race on each round.
 */
import path from 'node:path';
import { resolveOperatorToken } from '../../api/operator-token';

async function race(base: string, rounds: number): Promise<string[]> {
  const results: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const outcome = await resolveOperatorToken(undefined, path.join(base, `round-${round}`)).then(
      (source) => source.token,
      (error: Error) => `error: ${error.message}`,
    );
    results.push(outcome);
  }
  return results;
}

process.stdin.once('data', () => {
  void race(process.argv[2], Number(process.argv[3])).then((results) => {
    process.stdout.write(`${JSON.stringify(results)}\n`);
    process.exit(0);
  });
});
process.stdout.write('ready\n');
