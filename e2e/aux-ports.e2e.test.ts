// Issue 13 §2 "every port the gateway needs, over one SSH connection", against the run's real OpenSSH
// sshd and a real 2026.9.6 gateway started with mcp.apps.enabled, so it runs its MCP Apps sandbox
// listener on gateway port + 1 (docs/cli/mcp/apps.md). An SSH profile learns that from config.get,
// forwards the sandbox over the same SSH connection on a local port of its own (falling back when the
// preferred one is taken), health-checks it, and reports its rewritten URL in the connection snapshot.
// A surface that does not answer is degraded on its own while the gateway forward keeps working.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { ConnectionSnapshot } from "../src-shared/connection.js";
import { createLogger } from "../src-main/core/log/logger.js";
import { ConnectionSupervisor } from "../src-main/core/orchestrator/connection-supervisor.js";
import { specFromProfile } from "../src-main/core/orchestrator/profile-spec.js";
import { ProfileStore } from "../src-main/core/profiles/profile-store.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { AuxForwards } from "../src-main/core/transport/aux-forwards.js";
import { ownTunnelAt } from "../src-main/core/transport/loopback-listener.js";
import { resolveSshTarget } from "../src-main/core/transport/ssh-target.js";
import { TunnelSupervisor } from "../src-main/core/transport/tunnel-supervisor.js";
import { freePort } from "./harness/free-port.js";
import { TestGateway } from "./harness/gateway.js";
import { waitForSnapshot, phase } from "./harness/tunnel-wait.js";

const gw = inject("gateway");
const sshd = inject("sshd");
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

/** One GET; the status and body, or the error code. */
function get(port: number, p = "/"): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: p, agent: false, timeout: 5_000 }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once("timeout", () => req.destroy(new Error("timeout")));
    req.once("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
  });
}

async function until<T>(read: () => T | undefined, ms: number, what: string, show: () => string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${show()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the gateway's MCP Apps sandbox over the same SSH connection", () => {
  it("is forwarded on its own local port (fallback when taken), health-checked ok, and its URL reaches the real sandbox", async () => {
    const gw2 = await new TestGateway({ mcpApps: true }).start();
    cleanups.push(() => gw2.stop());
    const direct = await get(gw2.port + 1);
    // The real gateway runs the sandbox next to its port: what the forward must reach.
    expect("status" in direct ? "answers" : `not listening: ${JSON.stringify(direct)}`).toBe("answers");

    const configDir = tmp("clawlink-aux-cfg-");
    fs.copyFileSync(sshd.knownHosts, path.join(configDir, "known_hosts"));
    const store = await ProfileStore.open(configDir);
    const localPort = await freePort();
    // The sandbox forward's preferred local port (the gateway forward's + 1) is taken by someone else.
    const squatter = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => squatter.listen(localPort + 1, "127.0.0.1", r));
    cleanups.push(() => new Promise((r) => squatter.close(r)));
    const p = await store.add({ name: "Aux", kind: "ssh", ssh: { target: `${sshd.user}@${sshd.host}:${sshd.port}`, identityFile: sshd.key, remotePort: gw2.port, localPort } });
    const home = tmp("clawlink-aux-home-");
    const secrets = new MemorySecretStore();
    const { spec } = await specFromProfile(store.get(p.id)!, { secrets, env: {}, homeDir: home, explicit: { token: { value: gw2.token, source: "the test" } } });
    const sup = new ConnectionSupervisor(spec, { secrets, logger: createLogger([]), prompts: {}, configDir, env: {}, homeDir: home });
    cleanups.push(() => sup.stop());
    const seen: ConnectionSnapshot[] = [];
    sup.onSnapshot((s) => seen.push(s));
    await sup.start();

    const s = await until(() => (sup.snapshot.state === "connected" && sup.snapshot.aux?.[0]?.state !== "starting" && sup.snapshot.aux?.[0] ? sup.snapshot : undefined), 30_000, "connected with the sandbox checked", () => JSON.stringify(sup.snapshot));
    const aux = s.aux![0]!;
    expect(aux.kind).toBe("mcp-apps");
    expect(aux.remotePort).toBe(gw2.port + 1);
    expect(aux.state).toBe("ok");
    expect(aux.localPort).not.toBe(localPort + 1);
    expect(aux.note).toContain(`forwarded on ${aux.localPort}`);
    expect(aux.url).toBe(`http://127.0.0.1:${aux.localPort}/`);
    // The local port is our own forward (not something else that happened to answer there).
    expect(ownTunnelAt(aux.localPort!)).toBe("the MCP Apps sandbox forward");
    const through = await get(aux.localPort!);
    expect(through).toEqual(direct);
    // The gateway connection itself was never disturbed by the surface's forward.
    expect(seen.filter((x) => x.state === "reconnecting" || x.state === "needs-attention").map((x) => x.state)).toEqual([]);

    await sup.stop();
    expect(sup.snapshot.aux).toBeUndefined();
    expect(await get(aux.localPort!)).toEqual({ error: "ECONNREFUSED" });
  }, 120_000);
});

describe("a surface that does not answer", () => {
  it("is degraded on its own with a note, while the gateway forward over the same SSH link keeps working", async () => {
    const r = resolveSshTarget("aux", { configText: ["Host aux", "  HostName 127.0.0.1", `  Port ${sshd.port}`, `  User ${sshd.user}`, `  IdentityFile ${sshd.key}`, "  IdentitiesOnly yes", ""].join("\n"), homeDir: tmp("clawlink-aux-h-"), env: {} });
    if (!r.ok) throw new Error(r.attention.message);
    const dir = tmp("clawlink-aux-t-");
    const tunnel = new TunnelSupervisor({ target: r.target, knownHostsFiles: [sshd.knownHosts], appKnownHostsFile: path.join(dir, "kh"), preferredLocalPort: 0, remotePort: gw.port, auth: { env: {}, homeDir: dir } });
    cleanups.push(() => tunnel.stop());
    await tunnel.start();
    await waitForSnapshot(tunnel, phase("forwarding"), 20_000, "forwarding");
    const closed = await freePort(); // nothing listens there on the gateway host
    const lines: string[] = [];
    const f = new AuxForwards(tunnel, (l) => lines.push(l));
    cleanups.push(() => f.stop());
    const [s] = await f.start([{ kind: "browser-control", label: "Browser control", remotePort: closed }], { gatewayRemote: gw.port, gatewayLocal: tunnel.snapshot.localPort!, ownGatewayPort: 18789 });
    expect(s!.state).toBe("degraded");
    expect(s!.note).toContain(`127.0.0.1:${closed}`);
    expect(lines.some((l) => l.startsWith("aux browser-control: degraded"))).toBe(true);
    expect(tunnel.snapshot.phase).toBe("forwarding");
    const ready = await get(tunnel.snapshot.localPort!, "/readyz");
    expect("status" in ready ? ready.status : ready.error).toBe(200);
  }, 60_000);
});
