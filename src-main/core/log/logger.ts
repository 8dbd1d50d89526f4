// Structured logging for the core. Records go to sinks (the log file, the CLI's stderr, a test
// collector); every record is redacted before any sink sees it.
import { SecretRedactor } from "./redactor.js";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface LogRecord {
  ts: number;
  level: LogLevel;
  scope: string;
  msg: string;
  fields?: Record<string, unknown>;
}

export type LogSink = (record: LogRecord) => void;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
  readonly redactor: SecretRedactor;
}

export function createLogger(sinks: LogSink[], redactor = new SecretRedactor(), scope = "clawlink"): Logger {
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (sinks.length === 0) return;
    const record: LogRecord = { ts: Date.now(), level, scope, msg: redactor.redact(msg) };
    // Each string is redacted as itself (a JSON document inside a field would otherwise only be seen in
    // its escaped form), then the whole record once more for anything spread across values.
    if (fields) record.fields = JSON.parse(redactor.redact(JSON.stringify(fields, (k, v: unknown) => (typeof v === "string" ? redactor.redact(v) : errorReplacer(k, v))))) as Record<string, unknown>;
    for (const sink of sinks) sink(record);
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (s) => createLogger(sinks, redactor, `${scope}.${s}`),
    redactor,
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}

export const silentLogger = (): Logger => createLogger([]);
