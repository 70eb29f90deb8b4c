import { MappingError } from '../../lib/mapping';
import { addDays, datePart } from '../../lib/mapping/dates';
import { cleanText, decodeHtmlEntities, truncateText } from '../../lib/mapping/text';

describe('text', () => {
  it('decodes named, decimal and hex references once', () => {
    expect(decodeHtmlEntities('Fish &amp; Chips &ndash; &#8220;hot&#8221; &#x1F41F;')).toBe(
      'Fish & Chips \u2013 \u201chot\u201d \u{1F41F}',
    );
    expect(decodeHtmlEntities('&amp;amp; &unknown; &#0; &#xD800;')).toBe('&amp; &unknown; \ufffd \ufffd');
  });

  it('collapses whitespace, including no-break spaces', () => {
    expect(cleanText('  Blue&nbsp;&nbsp;mug \n large ')).toBe('Blue mug large');
  });

  it('truncates without splitting a surrogate pair', () => {
    expect(truncateText('ab\u{1F600}cd', 3)).toBe('ab');
    expect(truncateText('ab\u{1F600}cd', 4)).toBe('ab\u{1F600}');
    expect(truncateText('abc  def', 5)).toBe('abc');
    expect(truncateText('short', 50)).toBe('short');
  });
});

describe('dates', () => {
  it('takes the site-local date part of a WooCommerce timestamp', () => {
    expect(datePart('2017-03-22T16:28:02', 'date_created')).toBe('2017-03-22');
    expect(() => datePart('22/03/2017', 'date_created')).toThrow(MappingError);
    expect(() => datePart('2023-02-29T00:00:00', 'date_created')).toThrow(/date_created "2023-02-29T00:00:00"/);
  });

  it('adds days across month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-25', 14)).toBe('2025-01-08');
    expect(addDays('2000-02-28', 366)).toBe('2001-02-28');
    expect(addDays('2024-01-31', 0)).toBe('2024-01-31');
  });
});
