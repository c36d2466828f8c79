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

/** The one line per request: fields the server sets itself (no headers, arguments or results). */
export interface AccessEntry {
  readonly http?: string;
  readonly method?: string;
  readonly tool?: string;
  readonly status?: number;
  readonly rpcError?: number;
  readonly isError?: boolean;
  readonly version?: string;
  readonly ms: number;
}

/** Writes one access line (at info level) for a finished request. */
export type AccessLog = (entry: AccessEntry) => void;

const ACCESS_MESSAGE = 'mcp request';
const INFO = 30; // pino's numeric level for info

// Access lines skip pino: its generic serialisation and redaction walk cost ~9 µs a line, a fifth
// of a whole calculator call on the hot path. Their fields are fixed and set by the server, so the
// JSON line (the same shape pino writes: level, time, fields, msg) is built directly; strings go
// through JSON.stringify because the method and tool names come from the client.
const accessLogs = new WeakMap<Logger, AccessLog>();

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const destination = options.destination ?? process.stderr;
  const pretty = options.pretty ?? (destination === process.stderr && process.stderr.isTTY === true);
  const settings = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined };
  const stream = pretty ? prettyStream(destination) : destination === process.stderr ? pino.destination({ dest: 2, sync: false }) : destination;
  const logger = pino(settings, stream);
  if (pretty) {
    // Interactive sessions: the pretty printer formats access lines like any other.
    accessLogs.set(logger, (entry) => logger.info(entry, ACCESS_MESSAGE));
    return logger;
  }
  // Children share the emitter: follow only this logger's own level.
  let infoEnabled = logger.isLevelEnabled('info');
  logger.on('level-change', (_next, _value, _previous, _previousValue, changed) => {
    if (changed === logger) infoEnabled = logger.isLevelEnabled('info');
  });
  accessLogs.set(logger, (entry) => {
    if (infoEnabled) stream.write(accessLine(entry));
  });
  return logger;
}

function accessLine(e: AccessEntry): string {
  let line = `{"level":${INFO},"time":${Date.now()}`;
  if (e.http !== undefined) line += `,"http":${JSON.stringify(e.http)}`;
  if (e.method !== undefined) line += `,"method":${JSON.stringify(e.method)}`;
  if (e.tool !== undefined) line += `,"tool":${JSON.stringify(e.tool)}`;
  if (e.status !== undefined) line += `,"status":${e.status}`;
  if (e.rpcError !== undefined) line += `,"rpcError":${e.rpcError}`;
  if (e.isError !== undefined) line += `,"isError":${e.isError}`;
  if (e.version !== undefined) line += `,"version":${JSON.stringify(e.version)}`;
  return `${line},"ms":${e.ms},"msg":"${ACCESS_MESSAGE}"}\n`;
}

/**
 * The per-request access line writer of a logger: same destination and level. Loggers not made by
 * createLogger get one that logs through them (with their redaction).
 */
export function accessLog(logger: Logger): AccessLog {
  return accessLogs.get(logger) ?? ((entry) => logger.info(entry, ACCESS_MESSAGE));
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
