// Issue 10 §3, "a tunnel must never impersonate this machine", against the run's real OpenSSH sshd and
// real gateway: an SSH profile's forward binds a free port of its own (never 18789), the same one across
// reconnects, supervisor restarts and CLI restarts (ssh.rememberedLocalPort in profiles.json); and the
// "This machine" profile, finding our own tunnel or another program on its gateway's port, says what it
// found, starts no session there (so no token prompt, and no token sent) and recovers once the port is free.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { ConnectionSnapshot } from "../src-shared/connection.js";
import { createLogger } from "../src-main/core/log/logger.js";
import type { SupervisorDeps } from "../src-main/core/orchestrator/connection-spec.js";
import { ConnectionSupervisor } from "../src-main/core/orchestrator/connection-supervisor.js";
import { rememberLocalPortIn, specFromProfile } from "../src-main/core/orchestrator/profile-spec.js";
import { checkLocalListener } from "../src-main/core/local/local-listener-check.js";
import { ProfileStore } from "../src-main/core/profiles/profile-store.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { freePort } from "./harness/free-port.js";

const gw = inject("gateway");
const sshd = inject("sshd");
const BIN = path.resolve("bin/clawlink.mjs");
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

const portOpen = (port: number) =>
  new Promise<boolean>((r) => {
    const s = net.connect({ host: "127.0.0.1", port }, () => (s.destroy(), r(true)));
    s.once("error", () => r(false));
  });

/** Every snapshot from now on, and a wait for the first one that matches. */
function watch(sup: ConnectionSupervisor) {
  const seen: ConnectionSnapshot[] = [];
  sup.onSnapshot((s) => seen.push(s));
  const until = async (pred: (s: ConnectionSnapshot) => boolean, ms: number, what: string, from = 0): Promise<ConnectionSnapshot> => {
    const end = Date.now() + ms;
    for (;;) {
      const hit = seen.slice(from).find(pred) ?? (pred(sup.snapshot) ? sup.snapshot : undefined);
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; states: ${seen.map((s) => `${s.state}${s.attention ? `(${s.attention.reason})` : ""}`).join(" → ")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { seen, until };
}

async function sshProfileDir() {
  const configDir = tmp("clawlink-lp-cfg-");
  // Clawlink's own known_hosts already trusts the harness sshd, as after a first accepted prompt.
  fs.copyFileSync(sshd.knownHosts, path.join(configDir, "known_hosts"));
  const store = await ProfileStore.open(configDir);
  const p = await store.add({ name: "Home", kind: "ssh", ssh: { target: `${sshd.user}@${sshd.host}:${sshd.port}`, identityFile: sshd.key, remotePort: gw.port } });
  return { configDir, store, id: p.id };
}

function deps(configDir: string, homeDir: string, store?: ProfileStore, env: NodeJS.ProcessEnv = {}): SupervisorDeps {
  return { secrets: new MemorySecretStore(), logger: createLogger([]), prompts: {}, configDir, env, homeDir, ...(store ? { rememberLocalPort: rememberLocalPortIn(store) } : {}) };
}

const explicitToken = { token: { value: gw.token, source: "the test" } };

describe("an SSH forward never takes this machine's gateway port", () => {
  it("binds a free port, not 18789, and keeps it across a reconnect and a supervisor restart", async () => {
    const { configDir, store, id } = await sshProfileDir();
    const home = tmp("clawlink-lp-home-");
    const d = deps(configDir, home, store);
    const first = await specFromProfile(store.get(id)!, { secrets: d.secrets, env: {}, homeDir: home, explicit: explicitToken });
    expect(first.spec.ssh?.localPort).toBeUndefined(); // nothing chosen by the person

    const sup = new ConnectionSupervisor(first.spec, d);
    cleanups.push(() => sup.stop());
    const w = watch(sup);
    await sup.start();
    const up = await w.until((s) => s.state === "connected", 60_000, "connected through the tunnel");
    const port = up.localPort!;
    expect(port).not.toBe(18789);
    expect(await portOpen(18789)).toBe(false);

    // Written to profiles.json (a fresh store reads the file).
    const deadline = Date.now() + 5000;
    while ((await ProfileStore.open(configDir)).get(id)?.ssh?.rememberedLocalPort !== port && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await ProfileStore.open(configDir)).get(id)?.ssh?.rememberedLocalPort).toBe(port);

    // Reconnect: a new tunnel and session from the top, in the same supervisor.
    const mark = w.seen.length;
    await sup.retry();
    const again = await w.until((s) => s.state === "connected", 60_000, "connected again after retry", mark);
    expect(again.localPort).toBe(port);
    await sup.stop();

    // A new supervisor from the profile as saved on disk (what an app restart does).
    const reread = await ProfileStore.open(configDir);
    const second = await specFromProfile(reread.get(id)!, { secrets: d.secrets, env: {}, homeDir: home, explicit: explicitToken });
    const sup2 = new ConnectionSupervisor(second.spec, deps(configDir, home, reread));
    cleanups.push(() => sup2.stop());
    const w2 = watch(sup2);
    await sup2.start();
    expect((await w2.until((s) => s.state === "connected", 60_000, "connected after restart")).localPort).toBe(port);
    await sup2.stop();
  }, 120_000);

  it("an explicit ssh.localPort equal to this machine's gateway port is refused, naming the field, and nothing is bound", async () => {
    const { configDir, store, id } = await sshProfileDir();
    const home = tmp("clawlink-lp-home-");
    const own = await freePort();
    const p = await store.update(id, { ssh: { ...store.get(id)!.ssh!, localPort: own } });
    const env = { OPENCLAW_GATEWAY_PORT: String(own) }; // this machine's gateway is configured on `own`
    const { spec } = await specFromProfile(p, { secrets: new MemorySecretStore(), env, homeDir: home, explicit: explicitToken });
    const sup = new ConnectionSupervisor(spec, deps(configDir, home, store, env));
    cleanups.push(() => sup.stop());
    const w = watch(sup);
    await sup.start();
    const s = await w.until((x) => x.state === "needs-attention", 10_000, "the refusal");
    expect(s.attention).toEqual({
      reason: "local-port-reserved",
      message: `ssh.localPort ${own} is this machine's own gateway port: a tunnel there would answer for "This machine" with the remote gateway.`,
      fixHint: "Remove ssh.localPort from this profile (in profiles.json, or add the profile again without a local port) so Clawlink picks a free port and keeps it, or choose another port.",
    });
    expect(await portOpen(own)).toBe(false);
    await sup.stop();
  });

  it("the CLI, run twice: the second run forwards on the port the first one picked and saved", async () => {
    const { configDir, id } = await sshProfileDir();
    const ports: number[] = [];
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, [BIN, "connect", id, "--json", "--batch", "--token-env", "CLK_TOKEN", "--config-dir", configDir], {
        env: { ...process.env, HOME: tmp("clawlink-lp-home-"), CLK_TOKEN: gw.token },
        stdio: ["ignore", "pipe", "pipe"],
      });
      cleanups.push(() => child.kill("SIGKILL"));
      const line = await firstLine(child, (o) => o.state === "connected", 60_000);
      ports.push(line.localPort as number);
      child.kill("SIGINT");
      await new Promise((r) => child.once("exit", r));
    }
    expect(ports[0]).not.toBe(18789);
    expect(ports[1]).toBe(ports[0]);
    const saved = JSON.parse(fs.readFileSync(path.join(configDir, "profiles.json"), "utf8")) as { profiles: Array<{ id: string; ssh?: { rememberedLocalPort?: number } }> };
    expect(saved.profiles.find((p) => p.id === id)?.ssh?.rememberedLocalPort).toBe(ports[0]);
  }, 150_000);
});

function firstLine(child: ChildProcess, pred: (o: Record<string, unknown>) => boolean, ms: number): Promise<Record<string, unknown>> {
  const lines: string[] = [];
  const err: string[] = [];
  readline.createInterface({ input: child.stderr! }).on("line", (l) => err.push(l));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out; stdout:\n${lines.join("\n")}\nstderr:\n${err.join("\n")}`)), ms);
    readline.createInterface({ input: child.stdout! }).on("line", (l) => {
      lines.push(l);
      try {
        const o = JSON.parse(l) as Record<string, unknown>;
        if (!pred(o)) return;
        clearTimeout(t);
        resolve(o);
      } catch {
        /* not JSON */
      }
    });
  });
}

describe("the local profile checks who answers on its gateway's port", () => {
  it("the real gateway is recognised by its own lock (pid in <state>/tmp/openclaw-<uid>/gateway.*.lock = the socket's owner)", async () => {
    expect(await checkLocalListener(gw.port, { env: { OPENCLAW_STATE_DIR: path.join(gw.stateRoot, "state") } })).toEqual({ kind: "own-gateway", evidence: "lock" });
    // Another state dir whose gateway is not running: the live gateway there is some other configuration's.
    const other = tmp("clawlink-lp-state-");
    const lockDir = path.join(other, "tmp", `openclaw-${process.getuid!()}`);
    fs.mkdirSync(lockDir, { recursive: true });
    fs.writeFileSync(path.join(lockDir, "gateway.state.lock"), JSON.stringify({ pid: process.ppid, port: 1, createdAt: "x", configPath: "/elsewhere.json" }));
    const found = await checkLocalListener(gw.port, { env: { OPENCLAW_STATE_DIR: other } });
    expect(found).toEqual({ kind: "not-gateway", what: expect.stringMatching(/^another OpenClaw gateway \(openclaw-gateway, pid \d+\), not the one this machine's config runs$/) });
  });

  it("our own tunnel forced onto it: says so, starts no session (no token prompt), and connects on as soon as the tunnel is gone", async () => {
    const { configDir, store, id } = await sshProfileDir();
    const home = tmp("clawlink-lp-home-");
    const localPort = await freePort();
    // Forced: the profile says ssh.localPort = the local profile's port, and this machine's gateway config
    // is elsewhere, so the forward is allowed there (a stale setting, or two configs disagreeing).
    const p = await store.update(id, { ssh: { ...store.get(id)!.ssh!, localPort } });
    const { spec: sshSpec } = await specFromProfile(p, { secrets: new MemorySecretStore(), env: {}, homeDir: home, explicit: explicitToken });
    const tunnelSup = new ConnectionSupervisor(sshSpec, deps(configDir, home, store));
    cleanups.push(() => tunnelSup.stop());
    const wt = watch(tunnelSup);
    await tunnelSup.start();
    expect((await wt.until((s) => s.state === "connected", 60_000, "the tunnel profile connected")).localPort).toBe(localPort);

    const env = { OPENCLAW_STATE_DIR: tmp("clawlink-lp-state-"), OPENCLAW_CONFIG_PATH: path.join(home, "none.json") };
    const { spec } = await specFromProfile({ id: "local", uid: "0".repeat(32), name: "This machine", kind: "local", connectAtStart: false, auth: { mode: "token" }, local: { port: localPort } }, { secrets: new MemorySecretStore(), env, homeDir: home });
    const local = new ConnectionSupervisor(spec, deps(configDir, home, undefined, env));
    cleanups.push(() => local.stop());
    const wl = watch(local);
    await local.start();
    const s = await wl.until((x) => x.state === "needs-attention", 15_000, "the local profile's verdict");
    expect(s.attention?.reason).toBe("local-port-not-gateway");
    expect(s.attention?.message).toBe(`127.0.0.1:${localPort} is Clawlink's tunnel to Home, not a gateway on this machine.`);
    // The remote gateway requires a token this profile does not have: reaching it would have shown
    // auth-token-missing (the token prompt). No session ever started.
    expect(wl.seen.map((x) => x.state)).not.toContain("handshaking");
    expect(wl.seen.filter((x) => /^auth-/.test(x.attention?.reason ?? ""))).toEqual([]);

    await tunnelSup.stop();
    const after = await wl.until((x) => x.attention?.reason === "no-local-gateway", 15_000, "no gateway on this machine once the tunnel is gone");
    expect(after.attention?.message).toBe(`No gateway is running on this machine (nothing answers at ws://127.0.0.1:${localPort}).`);
    await local.stop();
  }, 120_000);

  it("another program on it (CLI, default local profile, a token in the local config): names the program and sends it nothing", async () => {
    const state = tmp("clawlink-lp-oc-");
    const port = await freePort();
    fs.writeFileSync(path.join(state, "openclaw.json"), JSON.stringify({ gateway: { port, auth: { mode: "token", token: "local-token-DISTINCT-4711" } } }));
    const got = path.join(state, "bytes-received");
    const squatter = spawn(process.execPath, ["-e", `let n=0;require("net").createServer(s=>s.on("data",d=>{n+=d.length;require("fs").writeFileSync(${JSON.stringify(got)},String(n))})).listen(${port},"127.0.0.1",()=>console.log("READY"))`], { stdio: ["ignore", "pipe", "inherit"] });
    cleanups.push(() => squatter.kill("SIGKILL"));
    await new Promise<void>((r) => readline.createInterface({ input: squatter.stdout! }).once("line", () => r()));

    const env: NodeJS.ProcessEnv = { ...process.env, HOME: tmp("clawlink-lp-home-"), OPENCLAW_STATE_DIR: path.join(state, "state"), OPENCLAW_CONFIG_PATH: path.join(state, "openclaw.json") };
    delete env.OPENCLAW_GATEWAY_TOKEN;
    delete env.OPENCLAW_GATEWAY_PORT;
    const child = spawn(process.execPath, [BIN, "connect", "--json", "--batch", "--config-dir", tmp("clawlink-lp-cfg-")], { env, stdio: ["ignore", "pipe", "pipe"] });
    cleanups.push(() => child.kill("SIGKILL"));
    const exit = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    const line = await firstLine(child, (o) => o.state === "needs-attention", 30_000);
    expect(line.attention).toEqual({
      reason: "local-port-not-gateway",
      message: `127.0.0.1:${port} is held by another program (node, pid ${squatter.pid}), not this machine's OpenClaw gateway.`,
      fixHint: "Stop that program (an old `ssh -L` forward?) or move this machine's gateway to another port (gateway.port in its openclaw.json). No token is sent to it.",
    });
    // A person must act: the command ends with exit 9 ("not a gateway"), as for any other non-gateway.
    expect(await exit).toBe(9);
    expect(fs.existsSync(got)).toBe(false); // not one byte: no handshake, no token
  }, 60_000);
});
