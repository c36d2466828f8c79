// Structured logging: JSON lines when not a TTY, pretty when one; secrets redacted by key.
import { createRequire } from 'node:module';
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export interface LoggerOptions {
  readonly level?: string;
  /** Pretty-print (default: when the destination is a TTY stderr). */
  readonly pretty?: boolean;
  /** Where log lines go; default stderr so the stdio transport keeps stdout clean. */
  readonly destination?: NodeJS.WritableStream;
}

// Keys whose values never reach a log line, wherever they appear in a logged object.
const REDACT = [
  'authorization', '*.authorization', '*.headers.authorization',
  'cookie', '*.cookie', '*.headers.cookie',
  'password', '*.password', 'secret', '*.secret', 'token', '*.token',
  'access_token', '*.access_token', 'refresh_token', '*.refresh_token',
  'client_secret', '*.client_secret', 'apiKey', '*.apiKey',
];

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const destination = options.destination ?? process.stderr;
  const pretty = options.pretty ?? (destination === process.stderr && process.stderr.isTTY === true);
  const settings = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined };
  if (pretty) return pino(settings, prettyStream(destination));
  if (destination === process.stderr) return pino(settings, pino.destination({ dest: 2, sync: false }));
  return pino(settings, destination);
}

function prettyStream(destination: NodeJS.WritableStream): NodeJS.WritableStream {
  // Loaded lazily: only interactive sessions pay for pino-pretty. Used as a stream, not a
  // worker-thread transport, so start-up stays fast.
  const require = createRequire(import.meta.url);
  const pinoPretty = require('pino-pretty') as (opts: object) => NodeJS.WritableStream;
  return pinoPretty({ destination, colorize: !process.env.NO_COLOR, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' });
}

/** A logger that writes nothing (tests, `call`). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
