import { mappingSettingsSchema } from '../../lib/mapping';

const issuesOf = (input: unknown): string[] => {
  const parsed = mappingSettingsSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

const keys = (count: number, value: string, key = (i: number) => `k-${i}`) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [key(i), value]));

describe('settings are bounded', () => {
  it.each([
    ['accounts.byCategory', (map: object) => ({ accounts: { byCategory: map } })],
    ['accounts.byTaxClass', (map: object) => ({ accounts: { byTaxClass: map } })],
    ['taxes.byWooRateId', (map: object) => ({ taxes: { byWooRateId: map } })],
  ])('refuses %s with 20,000 keys in one message', (field, settings) => {
    const map = keys(20_000, field === 'taxes.byWooRateId' ? 'OUTPUT2' : '200', (i) =>
      field === 'taxes.byWooRateId' ? String(i) : `k-${i}`,
    );
    expect(issuesOf(settings(map))).toEqual([expect.stringMatching(new RegExp(`^${field}: at most \\d+ entries`))]);
  });

  it('refuses a tracking option map with 20,000 keys', () => {
    const tracking = [{ category: 'Region', source: 'billing-country', option: 'Other', options: keys(20_000, 'A') }];
    expect(issuesOf({ tracking })).toEqual([expect.stringMatching(/^tracking\.0\.options: at most \d+ entries/)]);
  });

  it('refuses a 1 MB string wherever a string goes', () => {
    const huge = 'x'.repeat(1024 * 1024);
    for (const settings of [
      { taxes: { taxed: huge } },
      { taxes: { byWooRateId: { '75': huge } } },
      { tracking: [{ category: 'Region', source: 'billing-country', option: 'Other', options: { [huge]: 'A' } }] },
      { taxes: { byWooRateId: { [`1${'+2'.repeat(500_000)}`]: 'OUTPUT2' } } },
    ]) {
      expect(issuesOf(settings)).toHaveLength(1);
    }
  });

  it('still takes a store with many categories', () => {
    expect(issuesOf({ accounts: { byCategory: keys(500, '200') } })).toEqual([]);
  });
});
