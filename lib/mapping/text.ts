/** Text clean-up for names that reach Xero: HTML entities, whitespace and length limits. */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  sbquo: '\u201a',
  ldquo: '\u201c',
  rdquo: '\u201d',
  bdquo: '\u201e',
  laquo: '\u00ab',
  raquo: '\u00bb',
  bull: '\u2022',
  middot: '\u00b7',
  times: '\u00d7',
  divide: '\u00f7',
  minus: '\u2212',
  plusmn: '\u00b1',
  deg: '\u00b0',
  prime: '\u2032',
  Prime: '\u2033',
  frac12: '\u00bd',
  frac14: '\u00bc',
  frac34: '\u00be',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  euro: '\u20ac',
  pound: '\u00a3',
  yen: '\u00a5',
  cent: '\u00a2',
  sect: '\u00a7',
  para: '\u00b6',
  iexcl: '\u00a1',
  iquest: '\u00bf',
  shy: '\u00ad',
};

const ENTITY_PATTERN = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;
const REPLACEMENT_CHARACTER = '\ufffd';

function fromCodePoint(codePoint: number): string {
  const valid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
  return valid ? String.fromCodePoint(codePoint) : REPLACEMENT_CHARACTER;
}

/** Decodes HTML character references once ("&amp;" → "&", "&#8211;" → "–"); unknown names are left as written. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(ENTITY_PATTERN, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    return NAMED_ENTITIES[name ?? ''] ?? whole;
  });
}

/** Decodes entities, turns every run of whitespace (including no-break spaces) into one space, and trims. */
export function cleanText(text: string): string {
  return decodeHtmlEntities(text)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Cuts text to at most `max` UTF-16 code units without splitting a surrogate pair, then trims trailing space. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const lastKept = text.charCodeAt(max - 1);
  const end = lastKept >= 0xd800 && lastKept <= 0xdbff ? max - 1 : max;
  return text.slice(0, end).trimEnd();
}
