/** Structured fields attached to a log line; callers must never pass secrets, tokens or bodies. */
export type LogFields = Record<string, unknown>;

/** The minimal logger the API writes to. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger writing one JSON object per line to stdout (info) or stderr (warn, error). */
export function createConsoleLogger(base: LogFields = {}): Logger {
  const write = (level: string, message: string, fields: LogFields = {}) => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...base, ...fields });
    if (level === 'info') process.stdout.write(`${line}\n`);
    else process.stderr.write(`${line}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** A logger that drops everything, for tests that do not inspect logs. */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export { describeError } from '../lib/runtime/describe-error';
