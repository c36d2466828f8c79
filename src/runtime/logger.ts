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

// Per-request access lines carry only fields the server itself sets (no headers, arguments or
// results), so they skip redaction, which costs a deep walk per line on the hot path.
const accessLoggers = new WeakMap<Logger, Logger>();

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const destination = options.destination ?? process.stderr;
  const pretty = options.pretty ?? (destination === process.stderr && process.stderr.isTTY === true);
  const settings = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined };
  const stream = pretty ? prettyStream(destination) : destination === process.stderr ? pino.destination({ dest: 2, sync: false }) : destination;
  const logger = pino(settings, stream);
  const access = pino({ level, base: undefined }, stream);
  // Children share the emitter: follow only this logger's own level.
  logger.on('level-change', (next, _value, _previous, _previousValue, changed) => {
    if (changed === logger) access.level = next;
  });
  accessLoggers.set(logger, access);
  return logger;
}

/**
 * The logger for per-request access lines: same destination and level, no redaction. Only for
 * objects whose fields the server fills itself; anything else goes through the redacting `logger`
 * (which is also what comes back for loggers not made by createLogger).
 */
export function accessLogger(logger: Logger): Logger {
  return accessLoggers.get(logger) ?? logger;
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
