import { invalidParams, type ParamProblem } from './rest-errors';

type Raw = unknown;

/** Collects WordPress-style parameter validation problems, then throws them all at once as `rest_invalid_param`. */
export class ParamReader {
  private readonly problems: Record<string, ParamProblem> = {};

  constructor(private readonly source: Record<string, Raw>) {}

  /** An integer parameter within bounds, or the default when absent. */
  int(name: string, opts: { default?: number; min?: number; max?: number } = {}): number | undefined {
    const raw = this.source[name];
    if (raw === undefined || raw === '') return opts.default;
    const text = String(raw);
    if (!/^-?\d+$/.test(text)) return this.fail(name, 'rest_invalid_type', `${name} is not of type integer.`);
    const value = Number(text);
    const { min, max } = opts;
    if (min !== undefined && max !== undefined && (value < min || value > max)) {
      return this.fail(name, 'rest_out_of_bounds', `${name} must be between ${min} (inclusive) and ${max} (inclusive)`);
    }
    if (min !== undefined && value < min) {
      return this.fail(name, 'rest_out_of_bounds', `${name} must be greater than or equal to ${min}`);
    }
    return value;
  }

  /** A boolean parameter (`true`, `false`, `1`, `0`). */
  bool(name: string, fallback: boolean): boolean {
    const raw = this.source[name];
    if (raw === undefined) return fallback;
    const text = String(raw).toLowerCase();
    if (['true', '1'].includes(text)) return true;
    if (['false', '0', ''].includes(text)) return false;
    this.fail(name, 'rest_invalid_type', `${name} is not of type boolean.`);
    return fallback;
  }

  /** One value of an enumeration. */
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.source[name];
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(String(raw))) return String(raw) as T;
    this.fail(name, 'rest_not_in_enum', `${name} is not one of ${listing(allowed)}.`);
    return fallback;
  }

  /** A list given as a comma-separated string or repeated `name[]` parameters; each item from `allowed` if given. */
  list(name: string, allowed?: readonly string[]): string[] | undefined {
    const raw = this.source[name];
    if (raw === undefined) return undefined;
    const items = (Array.isArray(raw) ? raw.map(String) : String(raw).split(','))
      .map((item) => item.trim())
      .filter((item) => item !== '');
    if (allowed) {
      const index = items.findIndex((item) => !allowed.includes(item));
      if (index >= 0) this.fail(name, 'rest_not_in_enum', `${name}[${index}] is not one of ${listing(allowed)}.`);
    }
    return items;
  }

  /** A list of integer ids. */
  ids(name: string): number[] | undefined {
    const items = this.list(name);
    if (items === undefined) return undefined;
    if (items.some((item) => !/^\d+$/.test(item))) {
      this.fail(name, 'rest_invalid_type', `${name}[0] is not of type integer.`);
      return undefined;
    }
    return items.map(Number);
  }

  /** An RFC 3339 date-time (`YYYY-MM-DDTHH:MM:SS`, optional fraction and offset); a date alone is rejected. */
  dateTime(name: string): string | undefined {
    const raw = this.source[name];
    if (raw === undefined) return undefined;
    const text = String(raw);
    if (!/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|z|[+-]\d{2}(:?\d{2})?)?$/.test(text)) {
      return this.fail(name, 'rest_invalid_date', 'Invalid date.');
    }
    return text;
  }

  /** A `type: string` parameter: any other JSON type is `rest_invalid_type` (null counts as absent). */
  string(name: string): string | undefined {
    const raw = this.source[name];
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string') return this.fail(name, 'rest_invalid_type', `${name} is not of type string.`);
    return raw;
  }

  /** A free-text parameter. */
  text(name: string): string | undefined {
    const raw = this.source[name];
    return raw === undefined ? undefined : String(raw);
  }

  /** Throws `rest_invalid_param` if anything was invalid. */
  done(): void {
    if (Object.keys(this.problems).length > 0) throw invalidParams(this.problems);
  }

  private fail(name: string, code: string, message: string): undefined {
    this.problems[name] ??= { code, message };
    return undefined;
  }
}

/** WordPress's `%l` list format: "a and b", "a, b, and c". */
function listing(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}
