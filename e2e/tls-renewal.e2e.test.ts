// wss:// on system trust survives certificate renewals (issue 10 §4), with a throwaway CA made by the real
// openssl and trusted by a child process through NODE_EXTRA_CA_CERTS, the real `clawlink` binary, the
// real keychain (the sandbox's gnome-keyring) and the real shared gateway behind a TLS-terminating front
// (e2e/harness/tls-front.ts). The front, not the gateway, holds the certificate, as Tailscale Serve, HF
// Spaces or a Caddy in front of `openclaw gateway` do; "connected" is a real handshake with the gateway.
//  - cert A from the CA → connected, pinned as first use on system trust, no prompt;
//  - the front renews to B (same CA, new key) while connected → connected again by itself, with the
//    "renewed its certificate; new fingerprint …" line, and the pin follows to B;
//  - an explicit pin of A (--tls-fingerprint) against B → refused, expected A vs observed B, exit 6;
//  - a self-signed certificate still needs the pin: refused in --batch, connected with --tls-fingerprint.
// And re-trust in the host service compares with the fingerprint the UI showed, not a second probe.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ConnectionSnapshot } from "../src-shared/connection.js";
import type { HostEventMessage, Prompt } from "../src-shared/host-api.js";
import { HostService } from "../src-main/core/host/host-service.js";
import { createLogger } from "../src-main/core/log/logger.js";
import { ProfileStore } from "../src-main/core/profiles/profile-store.js";
import { KeyringSecretStore } from "../src-main/core/secrets/keyring-store.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { decodeTlsPin, displayTlsFingerprint, tlsPinKey } from "../src-main/core/transport/tls-pin.js";
import { TlsFront } from "./harness/tls-front.js";
import { ThrowawayCa, type Leaf } from "./harness/throwaway-ca.js";

const gw = inject("gateway");
const BIN = path.resolve("bin/clawlink.mjs");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-renewal-"));
const children: ChildProcess[] = [];
const fronts: TlsFront[] = [];
const keychain = new KeyringSecretStore();
const pinKeys: Array<ReturnType<typeof tlsPinKey>> = [];

let ca: ThrowawayCa;
let certA: Leaf;
let certB: Leaf;
let selfSigned: Leaf;

beforeAll(() => {
  ca = new ThrowawayCa(tmp);
  certA = ca.issue("localhost");
  certB = ca.issue("localhost");
  selfSigned = ca.selfSigned("localhost");
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await Promise.all(fronts.map((f) => f.stop()));
  for (const k of pinKeys) await keychain.delete(k);
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function front(leaf: Leaf): Promise<TlsFront> {
  const f = await new TlsFront({ cert: leaf.cert, key: leaf.key, targetPort: gw.port }).start();
  fronts.push(f);
  pinKeys.push(tlsPinKey("localhost", f.port));
  return f;
}

interface Run {
  lines: string[];
  stderr: string[];
  child: ChildProcess;
  waitLine(pred: (l: string) => boolean, ms: number, what: string): Promise<string>;
  exit: Promise<number | null>;
}

/** `clawlink connect` as a child that trusts the throwaway CA (and nothing else changes about trust). */
function connect(url: string, extra: string[] = []): Run {
  const configDir = fs.mkdtempSync(path.join(tmp, "cfg-"));
  const child = spawn(process.execPath, [BIN, "connect", url, "--json", "--batch", "--token-env", "CLK_TOKEN", "--config-dir", configDir, ...extra], {
    env: { ...process.env, HOME: configDir, NODE_EXTRA_CA_CERTS: ca.caFile, CLK_TOKEN: gw.token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters: Array<{ pred: (l: string) => boolean; resolve: (l: string) => void }> = [];
  const feed = (into: string[]) => (l: string) => {
    into.push(l);
    for (const w of [...waiters]) {
      if (!w.pred(l)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(l);
    }
  };
  readline.createInterface({ input: child.stdout! }).on("line", feed(lines));
  readline.createInterface({ input: child.stderr! }).on("line", feed(stderr));
  return {
    lines,
    stderr,
    child,
    exit: new Promise((r) => child.on("exit", (code) => r(code))),
    waitLine(pred, ms, what) {
      const seen = [...lines, ...stderr].find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out waiting for ${what}\nstdout:\n${lines.join("\n")}\nstderr:\n${stderr.join("\n")}`)), ms);
        waiters.push({ pred, resolve: (l) => (clearTimeout(t), resolve(l)) });
      });
    },
  };
}

const stateOf = (l: string): { state?: string; attention?: { reason: string; message: string } } => {
  try {
    return JSON.parse(l) as { state?: string };
  } catch {
    return {};
  }
};
/** The needs-attention line a run ended on (the lines after it are the clean shutdown). */
const attentionOf = (r: Run) => stateOf(r.lines.find((l) => stateOf(l).state === "needs-attention") ?? "");
const connectedCount = (r: Run) => r.lines.filter((l) => stateOf(l).state === "connected").length;

describe("wss:// on system trust survives a certificate renewal (clawlink connect, NODE_EXTRA_CA_CERTS)", () => {
  let f: TlsFront;
  let run: Run;

  it("cert A from the CA: connected without a prompt, pinned as first use on system trust", async () => {
    f = await front(certA);
    run = connect(`wss://localhost:${f.port}`);
    await run.waitLine((l) => stateOf(l).state === "connected", 60_000, "connected on cert A");
    expect(decodeTlsPin(await keychain.get(tlsPinKey("localhost", f.port)))).toEqual({ fingerprint: certA.sha256, source: "first-use", systemTrusted: true });
    expect(run.stderr.join("\n")).not.toMatch(/renewed its certificate/);
  });

  it("the front renews to cert B while connected: connected again by itself, with the renewal notice, and the pin follows", async () => {
    const before = connectedCount(run);
    f.renew(certB.cert, certB.key);
    const notice = await run.waitLine((l) => /renewed its certificate/.test(l), 60_000, "the renewal notice");
    expect(notice).toBe(`clawlink connect: localhost:${f.port} renewed its certificate; new fingerprint ${displayTlsFingerprint(certB.sha256)} (it passes system trust, so the first-use pin was updated)`);
    await run.waitLine(() => connectedCount(run) > before, 60_000, "connected again on cert B");
    expect(decodeTlsPin(await keychain.get(tlsPinKey("localhost", f.port)))?.fingerprint).toBe(certB.sha256);
    // Never a stop for a person on the way: no needs-attention line, and the process is still running.
    expect(run.lines.map((l) => stateOf(l).state)).not.toContain("needs-attention");
    run.child.kill("SIGTERM");
    expect(await run.exit).toBe(0);
  });

  it("an explicit pin of cert A never rotates: refused against B with expected vs observed, exit 6", async () => {
    const r = connect(`wss://localhost:${f.port}`, ["--tls-fingerprint", `sha256:${certA.sha256}`]);
    expect(await r.exit).toBe(6);
    const last = attentionOf(r);
    expect(last.attention?.reason).toBe("tls-pin-mismatch");
    expect(last.attention?.message).toContain(`Expected ${displayTlsFingerprint(certA.sha256)}, observed ${displayTlsFingerprint(certB.sha256)}`);
    // The first-use pin of this host is not touched by a refused explicit pin.
    expect(decodeTlsPin(await keychain.get(tlsPinKey("localhost", f.port)))?.fingerprint).toBe(certB.sha256);
  });
});

describe("a self-signed certificate still needs the pin", () => {
  it("refused in --batch with its fingerprint (nothing pinned); connected with --tls-fingerprint", async () => {
    const f = await front(selfSigned);
    const refused = connect(`wss://localhost:${f.port}`);
    expect(await refused.exit).toBe(6);
    const last = attentionOf(refused);
    expect(last.attention?.reason).toBe("tls-untrusted");
    expect(last.attention?.message).toContain(displayTlsFingerprint(selfSigned.sha256));
    expect(await keychain.get(tlsPinKey("localhost", f.port))).toBeNull();

    const pinned = connect(`wss://localhost:${f.port}`, ["--tls-fingerprint", selfSigned.sha256]);
    await pinned.waitLine((l) => stateOf(l).state === "connected", 60_000, "connected with the explicit pin");
    pinned.child.kill("SIGTERM");
    expect(await pinned.exit).toBe(0);
  });
});

describe("the desktop app and the web UI see the renewal as a host notice (host service in this process)", () => {
  // This test file runs in its own worker process: the throwaway CA joins its default roots here, the
  // in-process equivalent of NODE_EXTRA_CA_CERTS, and leaves again afterwards.
  const defaults = tls.getCACertificates("default");
  beforeAll(() => tls.setDefaultCACertificates([...defaults, fs.readFileSync(ca.caFile, "utf8")]));
  afterAll(() => tls.setDefaultCACertificates(defaults));

  it("no prompt on first use; renewed while connected → a notice event with the new fingerprint, connected again", async () => {
    const f = await front(certA);
    const dir = fs.mkdtempSync(path.join(tmp, "host-"));
    const service = new HostService({ host: "web", configDir: dir, profiles: await ProfileStore.open(dir), secrets: new MemorySecretStore(), logger: createLogger([]), env: {}, homeDir: dir });
    const events: HostEventMessage[] = [];
    service.onEvent((e) => events.push(e));
    try {
      const { profile } = await service.handlers.addProfile({ kind: "direct", name: "Let's Encrypt-like", url: `wss://localhost:${f.port}`, token: gw.token });
      await service.handlers.connect(profile.id);
      await until(() => last(events, profile.id, (s) => s.state === "connected"), "connected on cert A");
      const connectedBefore = events.filter((e) => e.name === "connection" && e.payload.state === "connected").length;
      f.renew(certB.cert, certB.key);
      const notice = await until(() => events.find((e) => e.name === "notice"), "the renewal notice");
      expect(notice.payload).toEqual({ level: "info", message: `localhost:${f.port} renewed its certificate; new fingerprint ${displayTlsFingerprint(certB.sha256)} (it passes system trust, so the first-use pin was updated)` });
      await until(() => (events.filter((e) => e.name === "connection" && e.payload.state === "connected").length > connectedBefore ? true : undefined), "connected again on cert B");
      expect(events.filter((e) => e.name === "prompts").flatMap((e) => (e.name === "prompts" ? e.payload : []))).toEqual([]);
    } finally {
      await service.stop();
    }
  });
});

describe("re-trust compares with the fingerprint the UI showed (host service, real TLS front, real gateway)", () => {
  it("the server changed after the screen was shown: refused with both fingerprints; the shown one, confirmed, connects", async () => {
    const f = await front(certA);
    const dir = fs.mkdtempSync(path.join(tmp, "host-"));
    const service = new HostService({ host: "web", configDir: dir, profiles: await ProfileStore.open(dir), secrets: new MemorySecretStore(), logger: createLogger([]), env: {}, homeDir: dir });
    const events: HostEventMessage[] = [];
    service.onEvent((e) => events.push(e));
    try {
      const h = service.handlers;
      const wrong = "ab".repeat(32);
      const { profile } = await h.addProfile({ kind: "direct", name: "Renewing", url: `wss://localhost:${f.port}`, token: gw.token, tlsFingerprint: wrong });
      await h.connect(profile.id);
      const changed = await until(() => last(events, profile.id, (s) => s.attention?.reason === "tls-cert-changed"), "tls-cert-changed");
      expect(changed.tlsChange).toEqual({ previous: wrong, observed: certA.sha256 });

      // The person is looking at A; meanwhile the server moved to B. Re-trusting "A" must not pin B.
      f.renew(certB.cert, certB.key);
      await expect(h.retrustTls(profile.id, changed.tlsChange!.observed)).rejects.toThrow(
        `now presents ${displayTlsFingerprint(certB.sha256)}, not ${displayTlsFingerprint(certA.sha256)}, the certificate you were shown. Nothing was changed.`,
      );
      expect(prompts(events)).toEqual([]);

      // Back on A: the shown fingerprint matches, the dialog asks once more; an answer naming another
      // fingerprint trusts nothing, the one shown connects.
      f.renew(certA.cert, certA.key);
      const retrust = h.retrustTls(profile.id, changed.tlsChange!.observed);
      const dialog = await until(() => prompts(events).find((p): p is Extract<Prompt, { kind: "tls" }> => p.kind === "tls"), "the re-trust dialog");
      expect(dialog.fingerprint).toBe(displayTlsFingerprint(certA.sha256));
      await expect((async () => h.answerPrompt({ id: dialog.id, accept: true, fingerprint: displayTlsFingerprint(certB.sha256) }))()).rejects.toThrow(/is not the one this question shows/);
      await h.answerPrompt({ id: dialog.id, accept: true, fingerprint: dialog.fingerprint });
      await retrust;
      await until(() => last(events, profile.id, (s) => s.state === "connected"), "connected after re-trust");
    } finally {
      await service.stop();
    }
  });
});

function last(events: HostEventMessage[], id: string, pred: (s: ConnectionSnapshot) => boolean): ConnectionSnapshot | undefined {
  const snaps = events.flatMap((e) => (e.name === "connection" && e.payload.id === id ? [e.payload] : []));
  const s = snaps.at(-1);
  return s && pred(s) ? s : undefined;
}

function prompts(events: HostEventMessage[]): Prompt[] {
  const p = events.filter((e) => e.name === "prompts").at(-1);
  return p && p.name === "prompts" ? p.payload : [];
}

async function until<T>(f: () => T | undefined, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
