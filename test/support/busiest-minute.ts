/** The most events (epoch ms) any 60-second window holds: a window of Xero's, wherever it starts. */
export function busiestMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while ((sorted[i] as number) - (sorted[j] as number) >= 60_000) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
