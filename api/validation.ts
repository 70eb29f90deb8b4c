import type { z } from 'zod';
import { ApiError } from './errors';

/** Where an input came from, reported with each field-level problem. */
export type InputLocation = 'params' | 'query' | 'body' | 'headers';

/** One field-level validation problem. */
export interface FieldProblem {
  in: InputLocation;
  field: string;
  message: string;
}

/** Parses one part of a request with zod; on failure throws 400 `validation_failed` listing every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: InputLocation): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((issue) => ({
    in: location,
    field: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  throw new ApiError(400, 'validation_failed', `The request ${location} is invalid.`, { fields: problems });
}
