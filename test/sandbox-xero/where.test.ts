import { compileWhere, resolvePath, WhereParseError } from '../../sandbox/xero/where';

const rows = [
  {
    Name: 'Acme Ltd',
    Status: 'ACTIVE',
    Total: 10,
    IsSold: true,
    Contact: { ContactID: 'AAA' },
    Date: '/Date(1706659200000+0000)/',
  },
  {
    Name: 'Beta',
    Status: 'ARCHIVED',
    Total: 20,
    IsSold: false,
    Contact: { ContactID: 'bbb' },
    Date: '/Date(1709164800000+0000)/',
  },
];
const filter = (where: string) => rows.filter(compileWhere(where, resolvePath)).map((r) => r.Name);

describe('where filter', () => {
  it('compares strings case-insensitively with == and !=', () => {
    expect(filter('Name=="acme ltd"')).toEqual(['Acme Ltd']);
    expect(filter('Status!="active"')).toEqual(['Beta']);
  });

  it('supports AND/OR/&&/||, parentheses, numbers, booleans and Guid()', () => {
    expect(filter('Status=="ACTIVE" OR Total>15')).toEqual(['Acme Ltd', 'Beta']);
    expect(filter('(Status=="ACTIVE" && IsSold==true) || Name=="none"')).toEqual(['Acme Ltd']);
    expect(filter('Contact.ContactID==Guid("BBB")')).toEqual(['Beta']);
    expect(filter('Total>=10 AND Total<20')).toEqual(['Acme Ltd']);
  });

  it('supports Contains/StartsWith/EndsWith and DateTime()', () => {
    expect(filter('Name.Contains("CME")')).toEqual(['Acme Ltd']);
    expect(filter('Name.StartsWith("be")')).toEqual(['Beta']);
    expect(filter('Date>=DateTime(2024,02,01)')).toEqual(['Beta']);
  });

  it('string literals have no escapes: a backslash is an ordinary character and \\" ends the literal', () => {
    const withBackslash = [{ Name: 'C:\\temp' }];
    expect(withBackslash.filter(compileWhere('Name=="C:\\temp"', resolvePath))).toHaveLength(1);
    expect(() => filter('Name=="Bob \\"Bobby\\" Ltd"')).toThrow(WhereParseError);
    expect(() => filter('Name=="Bob ""Bobby"" Ltd"')).toThrow(WhereParseError);
    expect(() => filter('Name=="PIPE-1/2\\""')).toThrow(WhereParseError);
  });

  it('throws WhereParseError for malformed filters', () => {
    expect(() => filter('Name==')).toThrow(WhereParseError);
    expect(() => filter('Name "x"')).toThrow(WhereParseError);
  });
});
