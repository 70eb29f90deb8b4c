/**
 * A small evaluator for Xero's `where` filter: `Field=="v"`, `!=`, `<`, `>`, `<=`, `>=`, `AND`/`OR`/`&&`/`||`,
 * parentheses, `Guid("…")`, `DateTime(y,m,d)`, `true`/`false`/`null`, numbers, and `.Contains/.StartsWith/.EndsWith`.
 * String comparisons ignore case. String literals have no escapes, so a `"` can never be inside one.
 */

/** A field value a record exposes to filters. */
export type FieldValue = string | number | boolean | null | undefined;
/** Looks a (dotted, case-insensitive) field name up on a record. */
export type FieldResolver<T> = (record: T, field: string) => FieldValue;
/** A compiled filter. */
export type Predicate<T> = (record: T) => boolean;

/** Thrown for a filter the sandbox cannot parse (answered as 400 QueryParseException). */
export class WhereParseError extends Error {}

type Token = { kind: 'str' | 'num' | 'ident' | 'op' | 'punct'; value: string };

// A string literal runs to the next `"`: Xero's parser has no escapes (a backslash is an ordinary character).
const TOKEN = /\s*(?:"([^"]*)"|(-?\d+(?:\.\d+)?)|(==|!=|<=|>=|<|>|&&|\|\|)|([(),])|([A-Za-z_][\w.]*))/y;

/** Splits a filter into tokens. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < input.length) {
    if (/^\s*$/.test(input.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(input);
    if (!m) throw new WhereParseError(`cannot parse where near '${input.slice(start)}'`);
    if (m[1] !== undefined) tokens.push({ kind: 'str', value: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'num', value: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', value: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'punct', value: m[4] });
    else tokens.push({ kind: 'ident', value: m[5] });
  }
  return tokens;
}

/** Compares two field values; strings ignore case, dates compare as epoch ms. */
function compare(a: FieldValue, b: FieldValue): number | undefined {
  if (a === undefined || a === null || b === undefined || b === null) return a == b ? 0 : undefined;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : undefined;
  return String(a).toLowerCase() === String(b).toLowerCase() ? 0 : undefined;
}

/** Recursive-descent parser producing a predicate. */
class Parser<T> {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly resolve: FieldResolver<T>,
  ) {}

  parse(): Predicate<T> {
    const p = this.or();
    if (this.pos < this.tokens.length) throw new WhereParseError(`unexpected '${this.tokens[this.pos].value}'`);
    return p;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new WhereParseError('unexpected end of where');
    return t;
  }

  private expect(value: string): void {
    const t = this.next();
    if (t.value !== value) throw new WhereParseError(`expected '${value}' but found '${t.value}'`);
  }

  private isKeyword(word: string, symbol: string): boolean {
    const t = this.peek();
    return t !== undefined && (t.value === symbol || (t.kind === 'ident' && t.value.toUpperCase() === word));
  }

  private or(): Predicate<T> {
    let left = this.and();
    while (this.isKeyword('OR', '||')) {
      this.pos++;
      const l = left;
      const r = this.and();
      left = (x) => l(x) || r(x);
    }
    return left;
  }

  private and(): Predicate<T> {
    let left = this.atom();
    while (this.isKeyword('AND', '&&')) {
      this.pos++;
      const l = left;
      const r = this.atom();
      left = (x) => l(x) && r(x);
    }
    return left;
  }

  private atom(): Predicate<T> {
    const t = this.next();
    if (t.value === '(') {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (t.kind === 'ident' && t.value.toUpperCase() === 'NOT') {
      const inner = this.atom();
      return (x) => !inner(x);
    }
    if (t.kind !== 'ident') throw new WhereParseError(`expected a field name but found '${t.value}'`);
    const method = /^(.*)\.(Contains|StartsWith|EndsWith)$/i.exec(t.value);
    if (method && this.peek()?.value === '(') {
      this.pos++;
      const arg = String(this.literal() ?? '').toLowerCase();
      this.expect(')');
      const field = method[1];
      const name = method[2].toLowerCase();
      return (x) => {
        const v = this.resolve(x, field);
        if (typeof v !== 'string') return false;
        const s = v.toLowerCase();
        return name === 'contains' ? s.includes(arg) : name === 'startswith' ? s.startsWith(arg) : s.endsWith(arg);
      };
    }
    const field = t.value;
    const op = this.next();
    if (op.kind !== 'op') throw new WhereParseError(`expected an operator after ${field}`);
    const value = this.literal();
    return (x) => {
      const c = compare(this.resolve(x, field), value);
      switch (op.value) {
        case '==':
          return c === 0;
        case '!=':
          return c !== 0;
        case '<':
          return c !== undefined && c < 0;
        case '>':
          return c !== undefined && c > 0;
        case '<=':
          return c !== undefined && c <= 0;
        case '>=':
          return c !== undefined && c >= 0;
        default:
          return false;
      }
    };
  }

  private literal(): FieldValue {
    const t = this.next();
    if (t.kind === 'str') return t.value;
    if (t.kind === 'num') return Number(t.value);
    if (t.kind !== 'ident') throw new WhereParseError(`expected a value but found '${t.value}'`);
    const word = t.value.toLowerCase();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (word === 'guid') {
      this.expect('(');
      const v = this.next();
      this.expect(')');
      return v.value;
    }
    if (word === 'datetime') {
      this.expect('(');
      const parts: number[] = [];
      while (this.peek()?.value !== ')') {
        const n = this.next();
        if (n.kind === 'num') parts.push(Number(n.value));
        else if (n.value !== ',') throw new WhereParseError('bad DateTime literal');
      }
      this.expect(')');
      const [y, m = 1, d = 1, hh = 0, mm = 0, ss = 0] = parts;
      return Date.UTC(y, m - 1, d, hh, mm, ss);
    }
    throw new WhereParseError(`unknown literal '${t.value}'`);
  }
}

/** Compiles a where filter against a field resolver; throws WhereParseError on bad syntax. */
export function compileWhere<T>(where: string, resolve: FieldResolver<T>): Predicate<T> {
  return new Parser(tokenize(where), resolve).parse();
}

/** Case-insensitive lookup of a dotted path on a plain (PascalCase JSON) object. */
export function resolvePath(record: unknown, field: string): FieldValue {
  let current: unknown = record;
  for (const part of field.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = Object.keys(current).find((k) => k.toLowerCase() === part.toLowerCase());
    if (key === undefined) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === 'string') {
    const ms = /^\/Date\((-?\d+)/.exec(current);
    if (ms) return Number(ms[1]);
  }
  return typeof current === 'object' ? undefined : (current as FieldValue);
}
