// The structured log file: one JSON object per line in <configDir>/logs/clawlink.log, rotated by size
// (clawlink.log → .1 → … → .<maxFiles-1>, the oldest dropped) so a tray app that runs for months never
// fills a disk. Records arrive already redacted by the logger (logger.ts); this sink only persists them.
// Writes are synchronous appends: log volume is small, order is kept, and a crash right after a line
// still leaves that line in the file, which is what a bug report needs.
// A sink must never take the app down: a failing disk makes it drop records (counted), not throw.
import fs from "node:fs";
import path from "node:path";
import type { LogRecord, LogSink } from "./logger.js";

export const LOG_FILE_NAME = "clawlink.log";
export const DEFAULT_MAX_BYTES = 1_000_000;
export const DEFAULT_MAX_FILES = 5;

export interface FileSinkOptions {
  /** Rotate before a write would make the current file larger than this. */
  maxBytes?: number;
  /** Files kept in all, the current one included. */
  maxFiles?: number;
}

export interface FileSink {
  sink: LogSink;
  /** The current log file. */
  readonly path: string;
  /** Records that could not be written (disk full, permissions). */
  readonly dropped: number;
  close(): void;
}

export function logDir(configDir: string): string {
  return path.join(configDir, "logs");
}

/** The current file first, then .1, .2, … (newest to oldest). */
function logFiles(dir: string, maxFiles: number): string[] {
  const base = path.join(dir, LOG_FILE_NAME);
  return [base, ...Array.from({ length: maxFiles - 1 }, (_, i) => `${base}.${i + 1}`)];
}

export function createFileSink(configDir: string, opts: FileSinkOptions = {}): FileSink {
  const maxBytes = Math.max(1024, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  const maxFiles = Math.max(1, opts.maxFiles ?? DEFAULT_MAX_FILES);
  const dir = logDir(configDir);
  const files = logFiles(dir, maxFiles);
  const current = files[0]!;
  let fd: number | undefined;
  let size = 0;
  let dropped = 0;

  const open = () => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // 0600: redacted or not, a log says which machines a person reaches and when.
    fd = fs.openSync(current, "a", 0o600);
    size = fs.fstatSync(fd).size;
  };
  const close = () => {
    if (fd !== undefined) fs.closeSync(fd);
    fd = undefined;
  };
  const rotate = () => {
    close();
    // Oldest first, so nothing is overwritten before it has moved on.
    fs.rmSync(files[files.length - 1]!, { force: true });
    for (let i = files.length - 2; i >= 0; i--) {
      if (fs.existsSync(files[i]!)) fs.renameSync(files[i]!, files[i + 1]!);
    }
    open();
  };

  const sink: LogSink = (record: LogRecord) => {
    try {
      const line = `${JSON.stringify(record)}\n`;
      const bytes = Buffer.byteLength(line);
      if (fd === undefined) open();
      // A single record larger than maxBytes still gets a file of its own rather than being lost.
      if (size > 0 && size + bytes > maxBytes) {
        if (maxFiles > 1) rotate();
        else {
          close();
          fs.truncateSync(current, 0);
          open();
        }
      }
      fs.writeSync(fd!, line);
      size += bytes;
    } catch {
      dropped++;
      // Try a fresh open on the next record (the directory may have been removed, a disk freed).
      try {
        close();
      } catch {
        fd = undefined;
      }
    }
  };

  return {
    sink,
    path: current,
    get dropped() {
      return dropped;
    },
    close,
  };
}

/**
 * The last `n` records, oldest first, across the rotated files: what a diagnostics export attaches.
 * Lines that are not JSON records (a torn last line after a crash) are skipped.
 */
export function readRecentLog(configDir: string, n: number, opts: Pick<FileSinkOptions, "maxFiles"> = {}): LogRecord[] {
  if (n <= 0) return [];
  const files = logFiles(logDir(configDir), Math.max(1, opts.maxFiles ?? DEFAULT_MAX_FILES));
  const out: LogRecord[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const lines = text.split("\n");
    for (let i = lines.length - 1; i >= 0 && out.length < n; i--) {
      const line = lines[i]!.trim();
      if (!line) continue;
      try {
        const rec = JSON.parse(line) as LogRecord;
        if (rec && typeof rec === "object" && typeof rec.ts === "number" && typeof rec.msg === "string") out.push(rec);
      } catch {
        // torn or foreign line
      }
    }
    if (out.length >= n) break;
  }
  return out.reverse();
}
