import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileSink, logDir, readRecentLog } from "./file-sink.js";
import { createLogger, type LogRecord } from "./logger.js";
import { SecretRedactor } from "./redactor.js";

let configDir: string;
beforeEach(() => {
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-log-"));
});
afterEach(() => fs.rmSync(configDir, { recursive: true, force: true }));

const rec = (i: number, pad = 0): LogRecord => ({ ts: 1_700_000_000_000 + i, level: "info", scope: "clawlink.test", msg: `record ${i}`, fields: { pad: "p".repeat(pad) } });
const files = () => fs.readdirSync(logDir(configDir)).sort();
const allText = () => files().map((f) => fs.readFileSync(path.join(logDir(configDir), f), "utf8")).join("");

describe("log file sink", () => {
  it("appends one JSON object per line to <configDir>/logs/clawlink.log, mode 0600", () => {
    const s = createFileSink(configDir);
    s.sink(rec(1));
    s.sink(rec(2));
    s.close();
    const lines = fs.readFileSync(path.join(configDir, "logs", "clawlink.log"), "utf8").trim().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as LogRecord).msg)).toEqual(["record 1", "record 2"]);
    if (process.platform !== "win32") expect(fs.statSync(s.path).mode & 0o777).toBe(0o600);
  });

  it("rotates by size, keeps maxFiles files in all, drops the oldest, and never exceeds maxBytes per file", () => {
    const maxBytes = 4096;
    const s = createFileSink(configDir, { maxBytes, maxFiles: 3 });
    for (let i = 0; i < 200; i++) s.sink(rec(i, 200));
    s.close();
    expect(files()).toEqual(["clawlink.log", "clawlink.log.1", "clawlink.log.2"]);
    for (const f of files()) expect(fs.statSync(path.join(logDir(configDir), f)).size).toBeLessThanOrEqual(maxBytes);
    // Newest records in the current file, the ones just before in .1, and the early ones gone.
    const msgs = (f: string) => fs.readFileSync(path.join(logDir(configDir), f), "utf8").trim().split("\n").map((l) => (JSON.parse(l) as LogRecord).msg);
    expect(msgs("clawlink.log").at(-1)).toBe("record 199");
    const n1 = msgs("clawlink.log.1");
    expect(Number(n1.at(-1)!.split(" ")[1]) + 1).toBe(Number(msgs("clawlink.log")[0]!.split(" ")[1]));
    expect(allText()).not.toContain('"record 0"');
  });

  it("continues an existing file across restarts and counts its size", () => {
    const a = createFileSink(configDir, { maxBytes: 2048, maxFiles: 2 });
    for (let i = 0; i < 5; i++) a.sink(rec(i, 300));
    a.close();
    const b = createFileSink(configDir, { maxBytes: 2048, maxFiles: 2 });
    b.sink(rec(5, 300));
    b.close();
    expect(files()).toEqual(["clawlink.log", "clawlink.log.1"]);
    expect(fs.statSync(b.path).size).toBeLessThanOrEqual(2048);
  });

  it("readRecentLog returns the last n records across rotated files, oldest first, skipping a torn line", () => {
    const s = createFileSink(configDir, { maxBytes: 2048, maxFiles: 5 });
    for (let i = 0; i < 40; i++) s.sink(rec(i, 100));
    s.close();
    fs.appendFileSync(s.path, '{"ts": 1, "level": "info", "msg": "torn');
    const recent = readRecentLog(configDir, 25);
    expect(recent.map((r) => r.msg)).toEqual(Array.from({ length: 25 }, (_, k) => `record ${15 + k}`));
    expect(readRecentLog(configDir, 0)).toEqual([]);
    expect(readRecentLog(path.join(configDir, "nothing-here"), 10)).toEqual([]);
  });

  it("a failing disk drops records (counted) instead of throwing into the app, and recovers", () => {
    const s = createFileSink(configDir);
    s.sink(rec(1));
    s.close();
    fs.rmSync(logDir(configDir), { recursive: true });
    fs.writeFileSync(logDir(configDir), "a file where the directory should be");
    expect(() => s.sink(rec(2))).not.toThrow();
    expect(s.dropped).toBe(1);
    fs.rmSync(logDir(configDir));
    s.sink(rec(3));
    s.close();
    expect(readRecentLog(configDir, 10).map((r) => r.msg)).toEqual(["record 3"]);
  });

  it("a record carrying a registered secret never lands in the file (logger → redactor → file)", () => {
    const secret = "gw-tok-5c8e1f0a9b7d";
    const redactor = new SecretRedactor();
    redactor.add(secret);
    const s = createFileSink(configDir, { maxBytes: 2048, maxFiles: 3 });
    const log = createLogger([s.sink], redactor).child("session");
    log.info(`connecting with ${secret}`, { auth: { token: secret }, url: `wss://gw.example.com/#token=${secret}`, list: [secret] });
    log.error("failed", { error: new Error(`bad token ${secret}`) });
    // Unregistered but credential-shaped text in a message is masked too.
    log.warn('pasted config {"password":"hunter2-unregistered"}');
    for (let i = 0; i < 30; i++) log.debug(`filler ${i} ${secret}`); // forces rotation: rotated files checked too
    s.close();
    expect(files().length).toBeGreaterThan(1);
    const text = allText();
    expect(text).not.toContain(secret);
    expect(text).not.toContain("hunter2-unregistered");
    expect(text).toContain("‹redacted›");
  });
});
