// The live log tail in Diagnostics (issue 12 "Logs in the app"): the records of the same rotated, redacted
// log file the core writes (core/log/file-sink.ts; every record is redacted before any sink sees it, so
// nothing here has to), as the host API carries them, and the pure parts of the view — which profile a
// record belongs to, the level and profile filters, a capped buffer that keeps the newest lines, and the
// text that Copy puts on the clipboard. The renderer keeps only state; every rule is here, unit-tested.
import { z } from "zod";

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export const LogLineSchema = z.object({
  ts: z.number(),
  level: z.enum(LOG_LEVELS),
  scope: z.string().max(400),
  msg: z.string().max(20_000),
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type LogLine = z.infer<typeof LogLineSchema>;

/** The most lines the view holds: older ones drop off the top (the file keeps them; Export attaches 500). */
export const LOG_VIEW_MAX = 2000;
/** How many lines the tail starts with, read from the file. */
export const LOG_TAIL_START = 300;

const CONN_SCOPE = /(?:^|\.)conn\.([^.]+)/;

/** The profile a record was logged for: connection supervisors log as `clawlink.conn.<profile id>…`. */
export function profileOfScope(scope: string): string | null {
  return CONN_SCOPE.exec(scope)?.[1] ?? null;
}

export interface LogFilter {
  /** The lowest level shown ("info" shows info, warn and error). */
  level: LogLevelName;
  /** One profile's lines only, or null for every line (the app's own included). */
  profileId: string | null;
}

export function levelAtLeast(level: LogLevelName, min: LogLevelName): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(min);
}

export function matchesFilter(line: LogLine, f: LogFilter): boolean {
  return levelAtLeast(line.level, f.level) && (f.profileId === null || profileOfScope(line.scope) === f.profileId);
}

export function filterLog(lines: readonly LogLine[], f: LogFilter): LogLine[] {
  return lines.filter((l) => matchesFilter(l, f));
}

/** `lines` then `more`, keeping the newest `max`. A record already held (same ts, scope and message) is not added twice. */
export function appendCapped(lines: readonly LogLine[], more: readonly LogLine[], max = LOG_VIEW_MAX): LogLine[] {
  const tail = lines.slice(-50);
  const seen = new Set(tail.map(lineKey));
  const fresh = more.filter((l) => !seen.has(lineKey(l)));
  const all = fresh.length === 0 ? [...lines] : [...lines, ...fresh];
  return all.length <= max ? all : all.slice(all.length - max);
}

const lineKey = (l: LogLine) => `${l.ts}\u0000${l.scope}\u0000${l.msg}`;

/** One line of text, as the file's own reader (recentLogs) writes it: ISO time, level, scope, message, fields. */
export function formatLogLine(l: LogLine): string {
  return `${new Date(l.ts).toISOString()} ${l.level.padEnd(5)} ${l.scope}: ${l.msg}${l.fields ? ` ${JSON.stringify(l.fields)}` : ""}`;
}

/** What Copy puts on the clipboard: the lines the filter shows, oldest first. */
export function copyText(lines: readonly LogLine[], f: LogFilter): string {
  return filterLog(lines, f).map(formatLogLine).join("\n");
}

/** While paused the view keeps what it shows and counts what arrived; Resume shows it all at once. */
export interface TailState {
  shown: LogLine[];
  held: LogLine[];
  paused: boolean;
}

export function tailReceive(s: TailState, more: readonly LogLine[], max = LOG_VIEW_MAX): TailState {
  if (s.paused) return { ...s, held: appendCapped(s.held, more, max) };
  return { ...s, shown: appendCapped(s.shown, more, max) };
}

export function tailSetPaused(s: TailState, paused: boolean, max = LOG_VIEW_MAX): TailState {
  if (paused) return { ...s, paused: true };
  return { shown: appendCapped(s.shown, s.held, max), held: [], paused: false };
}
