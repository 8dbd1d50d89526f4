import { describe, expect, it } from "vitest";
import { parseArgs } from "./args.js";
import type { CliIO } from "./context.js";
import { cliPrompts, type Terminal } from "./prompts.js";

const hostKey = { host: "[127.0.0.1]:2222", port: 2222, keyType: "ssh-ed25519", fingerprint: "SHA256:abcdef", hop: "box" };
const tlsPrompt = (systemTrusted: boolean) => ({
  kind: "first-use" as const,
  authority: "gw:443",
  fingerprint: "ab".repeat(32),
  fingerprintDisplay: "SHA256 AB:…",
  systemTrusted,
  subject: "CN=gw",
  issuer: "CN=gw",
  validTo: "never",
});

function io(): CliIO & { errors: string[] } {
  const errors: string[] = [];
  return { stdout: () => {}, write: () => {}, stderr: (l) => errors.push(l), readStdin: async () => "", env: {}, errors };
}

function scripted(answers: string[]): Terminal & { asked: string[] } {
  const asked: string[] = [];
  return { asked, ask: async (q) => (asked.push(q), answers.shift() ?? "") };
}

describe("cliPrompts", () => {
  it("--batch never asks, even with a terminal: unknown host keys and passphrases are declined", async () => {
    const t = scripted(["y"]);
    const p = cliPrompts(parseArgs(["--batch"]), io(), t);
    expect(p.confirmHostKey).toBeUndefined();
    expect(p.askPassphrase).toBeUndefined();
    expect(p.confirmTls).toBeUndefined();
    expect(t.asked).toEqual([]);
  });
  it("no terminal behaves like --batch: nobody can confirm a certificate, so none is asked about", async () => {
    const o = io();
    const p = cliPrompts(parseArgs([]), o, null);
    expect(p.confirmHostKey).toBeUndefined();
    // An untrusted certificate then ends as tls-untrusted (a system-trusted one never reaches a prompt).
    expect(p.confirmTls).toBeUndefined();
  });
  it("--trust-host-key accepts and prints the fingerprint", async () => {
    const o = io();
    const p = cliPrompts(parseArgs(["--trust-host-key"]), o, null);
    expect(await p.confirmHostKey!(hostKey)).toBe(true);
    expect(o.errors.join("\n")).toContain("ssh-ed25519 SHA256:abcdef");
  });
  it("on a terminal: y/N, default no", async () => {
    const t = scripted(["y", "", "nope", "YES"]);
    const o = io();
    const p = cliPrompts(parseArgs([]), o, t);
    expect(await p.confirmHostKey!(hostKey)).toBe(true);
    expect(await p.confirmHostKey!(hostKey)).toBe(false);
    expect(await p.confirmTls!(tlsPrompt(false))).toBe(false);
    expect(await p.confirmTls!(tlsPrompt(false))).toBe(true);
    expect(t.asked[0]).toMatch(/\[y\/N\]/);
    expect(o.errors.join("\n")).toContain("SHA256:abcdef");
  });
  it("passphrase: hidden input; empty skips the key", async () => {
    const asked: Array<{ q: string; hidden?: boolean }> = [];
    const answers = ["s3cret", ""];
    const t: Terminal = { ask: async (q, opts) => (asked.push({ q, ...(opts?.hidden !== undefined ? { hidden: opts.hidden } : {}) }), answers.shift() ?? "") };
    const p = cliPrompts(parseArgs([]), io(), t);
    expect(await p.askPassphrase!({ keyFile: "/k", attempt: 1 })).toEqual({ passphrase: "s3cret", remember: false });
    expect(await p.askPassphrase!({ keyFile: "/k", attempt: 2 })).toBeNull();
    expect(asked.every((a) => a.hidden === true)).toBe(true);
    expect(asked[1]!.q).toMatch(/^Wrong passphrase/);
  });
});
