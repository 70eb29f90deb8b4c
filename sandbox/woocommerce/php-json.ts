/** PHP `json_encode` with default flags, as `wp_json_encode` sends it: `/` as `\/`, non-ASCII as lower-case `\uXXXX`. */
export function phpJsonEncode(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'string') return encodeString(value);
  if (Array.isArray(value)) return `[${value.map((item) => phpJsonEncode(item)).join(',')}]`;
  if (value instanceof Date) return encodeString(value.toISOString());
  const fields = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${fields.map(([key, v]) => `${encodeString(key)}:${phpJsonEncode(v)}`).join(',')}}`;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function encodeString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const code = text.charCodeAt(i);
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (code < 0x20 || code > 0x7e) out += code === 0x7f ? char : `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}
