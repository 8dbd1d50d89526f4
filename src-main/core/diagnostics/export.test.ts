import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger, type LogRecord } from "../log/logger.js";
import { buildDiagnosticsExport, DiagnosticsExportError, sanitizeProfile, writeDiagnosticsExport } from "./export.js";
import type { LadderResult } from "./ladder.js";

const TOKEN = "clawlink-distinctive-token-7f3a9c1e5b";
const PASSWORD = 'pa"ss\\word-with-quote-42';

function ladderWithSecrets(): LadderResult {
  return {
    ok: false,
    target: { id: "cli", name: "ws://127.0.0.1:18789", kind: "direct" },
    startedAt: new Date(0).toISOString(),
    totalMs: 12,
    outcome: { kind: "gateway-auth", reason: "auth-token-mismatch", step: "auth", message: `rejected token ${TOKEN}`, fixHint: "paste it" },
    steps: [
      { name: "target", ok: true, ms: 1, detail: `ws://127.0.0.1:18789/#token=${TOKEN}` },
      { name: "auth", ok: false, ms: 3, detail: `password ${PASSWORD} refused`, attention: { reason: "auth-token-mismatch", message: TOKEN, fixHint: "x" } },
    ],
  };
}

describe("diagnostics export", () => {
  it("a distinctive token and password appear nowhere in it, however they got in", () => {
    const records: LogRecord[] = [];
    const logger = createLogger([(r) => records.push(r)]);
    logger.redactor.add(TOKEN);
    logger.redactor.add(PASSWORD);
    logger.info(`connecting with ${TOKEN}`);
    const text = buildDiagnosticsExport({
      profile: {
        id: "home",
        name: "Home",
        kind: "direct",
        url: `https://user:${PASSWORD}@gw.example.com/?token=${TOKEN}#token=${TOKEN}`,
        token: { value: TOKEN, source: "keychain (profile home)" },
        password: { value: PASSWORD, source: "OPENCLAW_GATEWAY_PASSWORD" },
        direct: { url: `wss://gw.example.com/#token=${TOKEN}`, tlsFingerprint: "ab".repeat(32) },
        secretField: TOKEN,
      },
      ladder: ladderWithSecrets(),
      // A log line written before the redactor knew the token (e.g. an older file) is masked here too.
      recentLog: [...records, { ts: 1, level: "info", scope: "x", msg: `old line ${TOKEN}` }, `raw ${TOKEN} line`],
      redactor: logger.redactor,
      extra: { note: `token=${TOKEN}`, nested: { deeper: [PASSWORD] } },
    });
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(JSON.stringify(PASSWORD).slice(1, -1)); // nor its JSON-escaped form
    const doc = JSON.parse(text) as { profile: Record<string, unknown>; versions: Record<string, unknown>; ladder: LadderResult; recentLog: unknown[] };
    expect(doc.profile).toEqual({
      id: "home",
      name: "Home",
      kind: "direct",
      url: "https://gw.example.com/",
      direct: { url: "wss://gw.example.com/", tlsFingerprint: "ab".repeat(32) },
      tokenSource: "keychain (profile home)",
      passwordSource: "OPENCLAW_GATEWAY_PASSWORD",
    });
    expect(doc.versions).toMatchObject({ node: process.version, platform: process.platform });
    expect(doc.ladder.steps).toHaveLength(2);
    expect(doc.recentLog).toHaveLength(3);
  });

  it("sanitizeProfile keeps SSH settings and drops anything not on the allow-list", () => {
    expect(sanitizeProfile({ id: "b", name: "B", kind: "ssh", ssh: { target: "me@box", remotePort: 18789, passphrase: "nope" }, auth: { mode: "token", token: "nope" } })).toEqual({
      id: "b",
      name: "B",
      kind: "ssh",
      ssh: { target: "me@box", remotePort: 18789 },
      auth: { mode: "token" },
    });
    expect(sanitizeProfile(null)).toBeNull();
  });

  it("is written 0600", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-export-"));
    try {
      const { path: file, folder } = writeDiagnosticsExport(path.join(dir, "d.json"), { profile: null, ladder: null, recentLog: [], redactor: createLogger([]).redactor });
      expect(folder).toBe(dir);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(fs.readFileSync(file, "utf8"))).toMatchObject({ format: "clawlink-diagnostics/1", ladder: null });
      expect(fs.readdirSync(dir)).toEqual(["d.json"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const input = () => ({ profile: null, ladder: null, recentLog: [], redactor: createLogger([]).redactor });
  const withDir = (fn: (dir: string) => void) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-export-"));
    try {
      fn(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it("creates missing folders (0700) and returns the file and its folder", () =>
    withDir((dir) => {
      const folder = path.join(dir, "new", "diagnostics");
      const w = writeDiagnosticsExport(path.join(folder, "diag.json"), input());
      expect(w).toEqual({ path: path.join(folder, "diag.json"), folder });
      expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
      expect(fs.readdirSync(folder)).toEqual(["diag.json"]);
    }));

  it("a folder it cannot create: a sentence naming the folder and a fix, no errno, no temp file name", () =>
    withDir((dir) => {
      fs.writeFileSync(path.join(dir, "afile"), "");
      const err = (() => {
        try {
          writeDiagnosticsExport(path.join(dir, "afile", "sub", "diag.json"), input());
        } catch (e) {
          return e as DiagnosticsExportError;
        }
        throw new Error("no error");
      })();
      expect(err).toBeInstanceOf(DiagnosticsExportError);
      expect(err.message).toBe(`Could not create the folder ${path.join(dir, "afile", "sub")} (part of that path is a file, not a folder).`);
      expect(err.fixHint).toMatch(/^Check that you can write to .*or choose another place for the export\.$/);
      expect(`${err.message} ${err.fixHint}`).not.toMatch(/ENOTDIR|ENOENT|\.tmp/);
    }));

  // /sys refuses new files even to root (tests run as root in CI, so a chmod'ed folder would not do).
  it("a folder it may not write to: permission denied, and nothing left behind", (ctx) => {
    if (process.platform !== "linux") return ctx.skip("needs Linux /sys, a folder even root may not write to");
    const file = "/sys/clawlink-diag.json";
    expect(() => writeDiagnosticsExport(file, input())).toThrow(`Could not write the diagnostics export to ${file} (permission denied).`);
    expect(fs.readdirSync("/sys").filter((f) => f.includes("clawlink"))).toEqual([]);
  });

  it("a folder given as the file: says to add a file name", () =>
    withDir((dir) => {
      expect(() => writeDiagnosticsExport(dir, input())).toThrow(`${dir} is a folder, not a file name.`);
    }));
});

