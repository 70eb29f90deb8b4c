import { mappingSettingsSchema, type MappingSettings } from '../lib/mapping';
import { ApiError } from './errors';
import { parseInput, type FieldProblem } from './validation';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Paths of keys the merchant sent that the parsed settings do not have (zod drops unknown keys silently). */
function unknownKeys(input: unknown, parsed: unknown, path: string[] = []): string[] {
  if (Array.isArray(input) && Array.isArray(parsed)) {
    return input.flatMap((item, index) => unknownKeys(item, parsed[index], [...path, String(index)]));
  }
  if (!isPlainObject(input) || !isPlainObject(parsed)) return [];
  return Object.entries(input).flatMap(([key, value]) =>
    Object.hasOwn(parsed, key) ? unknownKeys(value, parsed[key], [...path, key]) : [[...path, key].join('.')],
  );
}

/**
 * Parses a settings body: every field optional, defaults fill the rest. A wrong value or a key that is not a
 * setting (a typo would otherwise be ignored silently) gives 400 `validation_failed` naming each field.
 */
export function parseSettingsBody(body: unknown): MappingSettings {
  if (body === undefined) {
    throw new ApiError(
      400,
      'validation_failed',
      'Send the settings as a JSON object (Content-Type: application/json).',
      {
        fields: [{ in: 'body', field: '(root)', message: 'expected a JSON object' }],
      },
    );
  }
  const settings = parseInput(mappingSettingsSchema, body, 'body');
  const unknown = unknownKeys(body, settings);
  if (unknown.length > 0) {
    const fields: FieldProblem[] = unknown.map((field) => ({ in: 'body', field, message: 'is not a known setting' }));
    throw new ApiError(400, 'validation_failed', 'The request body is invalid.', { fields });
  }
  return settings;
}
