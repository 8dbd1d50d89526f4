// Fault-injection suite (issue 7): the whole core (Orchestrator → ConnectionSupervisor → TunnelSupervisor
// + GatewaySession) against real peers and scripted ones. Every case ends in recovery or in the right
// needs-attention state with its fix hint, and three invariants hold throughout: no unhandled rejection
// or uncaught exception in this process, no crash, and no tight loop (this process uses < 5 % of one core
// while a connection waits, measured with process.cpuUsage over a few seconds).
//
// Cases already proven at a lower layer elsewhere, not repeated here:
//   - pairing required → approved with `openclaw devices approve` → connected: gateway-pairing.e2e.test.ts
//     (GatewaySession) and probe.e2e.test.ts (exit 8); both need their own manual-pairing gateway (~1 GB).
//   - TLS pin mismatch against the real gateway's certificate (nothing sent inside TLS): transport-direct.
//   - blackhole in a real network namespace (nftables drop, default intervals ≤ 10 s): transport-netns.
//   - a real gateway answering 1013 while it starts: gateway-session.e2e.test.ts ("starting").
//   - wrong/missing token at the session layer, CLI exit codes: gateway-session, cli-connect, probe.
// Here the same faults go through the orchestrator, mostly over the SSH tunnel, plus the cases nothing
// covered: SIGKILL, restart during a chat stream, `ss -K`, a userspace blackhole/RST of the SSH link,
// DNS failure, device token revoked, scripted protocol-mismatch / silent / malformed / oversized / 1013
// servers, and 100 sends across a flapping link delivered exactly once.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { sendIdOf, type GatewaySession, type GatewaySessionEvent } from "../src-main/core/gateway/gateway-session.js";
import { Orchestrator } from "../src-main/core/orchestrator/orchestrator.js";
import type { ConnectionSpec, SupervisorDeps } from "../src-main/core/orchestrator/connection-spec.js";
import type { ConnectionSupervisor } from "../src-main/core/orchestrator/connection-supervisor.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import type { ConnectionSnapshot } from "../src-shared/connection.js";
import { startFaultProxy, type FaultProxy } from "./harness/fault-proxy.js";
import { cpuShareOver, isState, recordConn, waitConn, watchProcessHealth } from "./harness/fault-watch.js";
import { freePort } from "./harness/free-port.js";
import { TestGateway } from "./harness/gateway.js";
import { collectingLogger, waitForEvent } from "./harness/session-helpers.js";
import { TestSshd } from "./harness/sshd.js";

const gwInfo = inject("gateway");
const sshdInfo = inject("sshd");
const gateway = TestGateway.attach(gwInfo);
const logs = collectingLogger();
const health = watchProcessHealth();
const CPU_LIMIT = 0.05;
const orchestrators: Orchestrator[] = [];
const cleanups: Array<() => unknown> = [];
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-faults-"));
});
afterEach(async () => {
  await Promise.all(orchestrators.splice(0).map((o) => o.stopAll()));
  for (const c of cleanups.splice(0).reverse()) await c();
  // Invariant: nothing in this process rejected unhandled or threw uncaught during the case.
  expect(health.problems).toEqual([]);
});
afterAll(() => {
  health.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
  // No secret in any log line of the whole suite.
  expect(logs.text()).not.toContain(gwInfo.token);
});

function orchestrator(over: Partial<SupervisorDeps> = {}): Orchestrator {
  const dir = fs.mkdtempSync(path.join(tmp, "cfg-"));
  const o = new Orchestrator({ secrets: new MemorySecretStore(), logger: logs.logger, prompts: {}, configDir: dir, env: {}, homeDir: dir, ...over });
  orchestrators.push(o);
  return o;
}

let seq = 0;
function sshSpec(over: Partial<NonNullable<ConnectionSpec["ssh"]>> = {}, sshd: { host: string; port: number; user: string; key: string; knownHosts: string } = sshdInfo): ConnectionSpec {
  const id = `ssh-${++seq}`;
  return {
    id,
    name: `faults ${id}`,
    kind: "ssh",
    ssh: { target: `${sshd.user}@${sshd.host}:${sshd.port}`, identityFile: sshd.key, remotePort: gwInfo.port, knownHostsFiles: [sshd.knownHosts], ...over },
    token: { value: gwInfo.token, source: "test" },
    gatewayKey: `faults-${id}-${randomBytes(3).toString("hex")}`,
  };
}

function directSpec(url: string, over: Partial<ConnectionSpec> = {}): ConnectionSpec {
  const id = `direct-${++seq}`;
  return { id, name: `faults ${id}`, kind: "direct", url, token: { value: gwInfo.token, source: "test" }, gatewayKey: `faults-${id}-${randomBytes(3).toString("hex")}`, ...over };
}

async function localPortFree(): Promise<number> {
  return freePort();
}

/** Asserts this process stays under CPU_LIMIT of one core for `ms` while the connection waits. */
async function expectQuietWait(sup: ConnectionSupervisor, ms = 3_000): Promise<void> {
  const before = sup.snapshot.state;
  const share = await cpuShareOver(ms);
  console.log(`[faults] ${sup.spec.id}: CPU ${(share * 100).toFixed(2)} % of one core over ${ms} ms while ${before}→${sup.snapshot.state}`);
  expect(share).toBeLessThan(CPU_LIMIT);
}

/** The one reason and the one fix hint the user should see (the hint pattern is anchored). */
function expectAttention(s: ConnectionSnapshot, reason: string, hint: RegExp): void {
  expect(s.state).toBe("needs-attention");
  expect(s.attention?.reason).toBe(reason);
  expect(s.attention?.fixHint).toMatch(hint);
}

/** After needs-attention: no further attempts (the attempt counter and state stay put) while CPU stays low. */
async function expectNoRetryLoop(sup: ConnectionSupervisor): Promise<void> {
  const at = sup.snapshot;
  await expectQuietWait(sup, 2_500);
  expect(sup.snapshot.state).toBe("needs-attention");
  expect(sup.snapshot.attempt).toBe(at.attempt);
}

const connected = (sup: ConnectionSupervisor, ms = 60_000, what = "connected") => waitConn(sup, isState("connected"), ms, what);

function chatFinal(session: GatewaySession, entryKey: string, ms = 120_000): Promise<Extract<GatewaySessionEvent, { type: "chat" }>["event"]> {
  return waitForEvent(
    session,
    (e) => e.type === "chat" && ["final", "error", "aborted"].includes(e.event.state) && e.event.runId === session.outboxEntries().find((x) => x.idempotencyKey === entryKey)?.runId,
    ms,
    `end of the run for ${entryKey}`,
  ).then((e) => (e as Extract<GatewaySessionEvent, { type: "chat" }>).event);
}

// ---------------------------------------------------------------------------------------------------
describe("gateway process faults, over the SSH tunnel", () => {
  for (const sig of ["SIGKILL", "SIGTERM"] as const) {
    it(`gateway ${sig} in the middle of a streamed ([[slow]]) reply: reconnecting, then connected by itself; the interrupted message is in history once and a new one gets its answer`, async () => {
      const orch = orchestrator();
      const sup = await orch.connect(sshSpec());
      await connected(sup);
      const session = sup.session!;
      const rec = recordConn(sup);
      const key = `agent:main:faults-${sig.toLowerCase()}-${randomBytes(3).toString("hex")}`;
      const slow = session.send(key, `[[slow]] ${sig} interrupts this long answer one two three four five six seven eight nine ten eleven twelve`);
      await waitForEvent(session, (e) => e.type === "chat" && e.event.state === "delta" && e.event.runId === session.outboxEntries().find((x) => x.idempotencyKey === slow.idempotencyKey)?.runId, 60_000, "first delta of the slow reply");

      const restarting = gateway.restart(sig);
      const down = await waitConn(sup, isState("reconnecting"), 30_000, "reconnecting after the gateway went away");
      console.log(`[faults] ${sig}: ${down.layer} ${down.attention?.reason}: ${down.attention?.message}`);
      // While the gateway is gone and starting again: waiting, not spinning.
      await expectQuietWait(sup, 3_000);
      await restarting;
      const back = await connected(sup, 90_000, "connected after the restart");
      expect(back.localPort).toBe(rec.list.find((x) => x.s.state === "connected")!.s.localPort);
      expect(rec.list.some((x) => x.s.state === "needs-attention")).toBe(false);
      rec.stop();

      const after = session.send(key, `after the ${sig} restart`);
      const fin = await chatFinal(session, after.idempotencyKey);
      const history = await session.history(key, 500);
      console.log(`[faults] ${sig}: end of the next run ${JSON.stringify({ state: fin.state, text: fin.text })}; history ${JSON.stringify(history.map((m) => [(m as { role?: string }).role, JSON.stringify((m as { content?: unknown }).content ?? "").slice(0, 60)]))}`);
      // The interrupted message was delivered once and never re-sent; the next one was accepted once.
      expect(history.filter((m) => sendIdOf(m) === slow.idempotencyKey)).toHaveLength(1);
      expect(history.filter((m) => sendIdOf(m) === after.idempotencyKey).length).toBeLessThanOrEqual(1);
      if (sig === "SIGTERM") {
        expect(fin.state).toBe("final");
        expect(JSON.stringify(history)).toContain(`You said: after the ${sig} restart`);
      } else {
        // Observed with openclaw 2026.9.6: after a SIGKILL mid-run, the restarted gateway accepts the next
        // chat.send (runId) and ends that run at once with an empty final, without the turn in history
        // (the session seems wedged by the killed run). Gateway behaviour, not ours: Clawlink gets a
        // terminal event and does not hang or re-send. Reported in docs/notes/issue-7-bench-faults.md.
        expect(["final", "error", "aborted"]).toContain(fin.state);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------------
describe("SSH faults", () => {
  it("SSH session killed (ss -K on the client's socket): reconnecting, then connected on the same local port", async () => {
    const orch = orchestrator();
    const sup = await orch.connect(sshSpec());
    const up = await connected(sup);
    const rec = recordConn(sup);
    // Destroys the live TCP socket(s) from this namespace to the sshd port (INET_DIAG_DESTROY).
    execFileSync("ss", ["-K", "dst", sshdInfo.host, "dport", "=", String(sshdInfo.port)], { stdio: "ignore" });
    const lost = await waitConn(sup, (s) => s.state !== "connected", 10_000, "leaving connected after ss -K");
    console.log(`[faults] ss -K: ${lost.state} ${lost.attention?.reason}`);
    const back = await connected(sup, 30_000, "connected after ss -K");
    expect(back.localPort).toBe(up.localPort);
    expect(rec.list.some((x) => x.s.state === "needs-attention")).toBe(false);
    rec.stop();
  });

  it("sshd killed: reconnecting with the SSH reason while it is down (quietly), connected once it is back", async () => {
    const own = await new TestSshd().start();
    cleanups.push(() => own.dispose());
    const orch = orchestrator();
    const sup = await orch.connect(sshSpec({}, own));
    await connected(sup);
    await own.stop();
    const down = await waitConn(sup, (s) => s.state === "reconnecting" && s.layer === "transport", 20_000, "transport reconnecting after sshd died");
    expect(down.attention?.reason).toMatch(/^ssh-/);
    expect(down.attention?.fixHint).toBeTruthy();
    await expectQuietWait(sup, 3_000);
    await own.restart();
    sup.networkChanged(); // skip the remaining backoff; what matters here is that it recovers, not when
    await connected(sup, 60_000, "connected after sshd is back");
  });

  it("link blackhole (bytes silently dropped, sockets open): reconnecting within 10 s with default settings, connected again after restore", async () => {
    const proxy = await startFaultProxy({ targetPort: sshdInfo.port });
    cleanups.push(() => proxy.close());
    const orch = orchestrator();
    // The proxy's address, with the real sshd's host key (known_hosts names [127.0.0.1]:<proxy port>).
    const kh = path.join(tmp, `kh-${proxy.port}`);
    fs.writeFileSync(kh, `[127.0.0.1]:${proxy.port} ${fs.readFileSync(sshdInfo.knownHosts, "utf8").trim().split(/\s+/).slice(1).join(" ")}\n`);
    const sup = await orch.connect(sshSpec({ target: `${sshdInfo.user}@127.0.0.1:${proxy.port}`, knownHostsFiles: [kh] }));
    await connected(sup);
    const cutAt = Date.now();
    proxy.setMode("blackhole");
    const lost = await waitConn(sup, isState("reconnecting"), 10_000, "reconnecting after the blackhole");
    console.log(`[faults] blackhole noticed after ${Date.now() - cutAt} ms: ${lost.layer} ${lost.attention?.reason}`);
    await expectQuietWait(sup, 3_000);
    proxy.resetAll(); // the swallowed connections stay dead, as a NAT that forgot them would
    proxy.setMode("pass");
    sup.networkChanged();
    await connected(sup, 30_000, "connected after the link is restored");
  });

  it("link RST (established connection reset, new ones refused for a while): reconnecting, quiet, then connected", async () => {
    const proxy = await startFaultProxy({ targetPort: sshdInfo.port });
    cleanups.push(() => proxy.close());
    const kh = path.join(tmp, `kh-${proxy.port}`);
    fs.writeFileSync(kh, `[127.0.0.1]:${proxy.port} ${fs.readFileSync(sshdInfo.knownHosts, "utf8").trim().split(/\s+/).slice(1).join(" ")}\n`);
    const orch = orchestrator();
    const sup = await orch.connect(sshSpec({ target: `${sshdInfo.user}@127.0.0.1:${proxy.port}`, knownHostsFiles: [kh] }));
    await connected(sup);
    proxy.setMode("refuse");
    proxy.resetAll();
    const lost = await waitConn(sup, (s) => s.state === "reconnecting" && s.layer === "transport", 10_000, "reconnecting after RST");
    console.log(`[faults] RST: ${lost.attention?.reason}: ${lost.attention?.message}`);
    await expectQuietWait(sup, 3_000);
    proxy.setMode("pass");
    await connected(sup, 60_000, "connected after the resets stop");
  });

  it("preferred local port taken: connected on another port, and the snapshot says so", async () => {
    const taken = net.createServer();
    const port = await localPortFree();
    await new Promise<void>((r) => taken.listen(port, "127.0.0.1", () => r()));
    cleanups.push(() => new Promise<void>((r) => taken.close(() => r())));
    const orch = orchestrator();
    const sup = await orch.connect(sshSpec({ localPort: port }));
    const s = await connected(sup);
    expect(s.portFallback).toBe(true);
    expect(s.localPort).not.toBe(port);
  });

  it("DNS failure (an unresolvable .invalid host): a name-resolution reason with a hint, retried slowly, no spinning", async () => {
    const orch = orchestrator();
    const sup = await orch.connect(sshSpec({ target: `${sshdInfo.user}@clawlink-faults.invalid:22` }));
    const s = await waitConn(sup, (x) => (x.state === "reconnecting" || x.state === "needs-attention") && x.attention !== null, 20_000, "a DNS failure reported");
    console.log(`[faults] DNS: ${s.state} ${s.attention?.reason}: ${s.attention?.message} / ${s.attention?.fixHint}`);
    expect(`${s.attention?.reason} ${s.attention?.message}`).toMatch(/dns|resolve|ENOTFOUND|EAI_AGAIN|not found/i);
    expect(s.attention?.fixHint).toBeTruthy();
    await expectQuietWait(sup, 3_000);
    expect(sup.snapshot.state).not.toBe("connected");
  });

  it("host key changed (known_hosts holds another key for host:port), batch: needs attention, both fingerprints, no retry loop", async () => {
    const other = path.join(tmp, "other_host_key");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", other]);
    const kh = path.join(tmp, "kh-changed");
    fs.writeFileSync(kh, `[${sshdInfo.host}]:${sshdInfo.port} ${fs.readFileSync(`${other}.pub`, "utf8").trim().split(/\s+/).slice(0, 2).join(" ")}\n`);
    const orch = orchestrator();
    const sup = await orch.connect(sshSpec({ knownHostsFiles: [kh] }));
    const s = await waitConn(sup, isState("needs-attention"), 20_000, "needs-attention for a changed host key");
    // The old key is in a file of the person's, so the hint names ssh-keygen -R on that file (a key Clawlink saved would get trust forget: issue 12).
    expect(s.attention?.fixHint).toBe(`If the server really was reinstalled, check the new fingerprint on the server, then remove the old entry from ${kh} (ssh-keygen -R '[${sshdInfo.host}]:${sshdInfo.port}' -f ${kh}), and connect again.`);
    expectAttention(s, "host-key-changed", /^If the server really was reinstalled/);
    expect(s.attention?.message).toContain(sshdInfo.hostFingerprint);
    await expectNoRetryLoop(sup);
  });

  it("host key unknown under batch (no prompt available): needs attention with the fingerprint to check, no retry loop", async () => {
    const kh = path.join(tmp, "kh-empty");
    fs.writeFileSync(kh, "");
    const orch = orchestrator();
    const sup = await orch.connect(sshSpec({ knownHostsFiles: [kh] }));
    const s = await waitConn(sup, isState("needs-attention"), 20_000, "needs-attention for an unknown host key");
    expectAttention(s, "host-key-unknown", /^Confirm the fingerprint when asked, or connect once with `ssh` in a terminal to add it to ~\/\.ssh\/known_hosts\.$/);
    expect(`${s.attention?.message} ${s.attention?.fixHint}`).toContain(sshdInfo.hostFingerprint);
    await expectNoRetryLoop(sup);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("gateway auth faults through the orchestrator", () => {
  it("wrong token and missing token: needs attention with the token hint, no retry loop", async () => {
    const orch = orchestrator();
    // localhost: an endpoint no device token exists for, so the single trusted device-token retry can't apply.
    const url = gwInfo.url.replace("127.0.0.1", "localhost");
    const wrong = await orch.connect(directSpec(url, { token: { value: "wrong-token-for-the-fault-suite", source: "test" } }));
    expectAttention(await waitConn(wrong, isState("needs-attention"), 30_000, "wrong token"), "auth-token-mismatch", /^The token is wrong or was rotated\. Copy the token from the gateway host \(`openclaw config get gateway\.auth\.token`, or gateway\.auth\.token in ~\/\.openclaw\/openclaw\.json\) and paste it into this gateway's settings \(it is kept in your OS keychain\)\.$/);
    await expectNoRetryLoop(wrong);
    const missing = await orch.connect(directSpec(url, { token: undefined }));
    expectAttention(await waitConn(missing, isState("needs-attention"), 30_000, "missing token"), "auth-token-missing", /^Copy the token from the gateway host \(`openclaw config get gateway\.auth\.token`, or gateway\.auth\.token in ~\/\.openclaw\/openclaw\.json\) and paste it into this gateway's settings \(it is kept in your OS keychain\)\.$/);
    await expectNoRetryLoop(missing);
  });

  it("device token revoked on the gateway (openclaw devices revoke): needs attention saying so; with the shared token back, connected", async () => {
    const secrets = new MemorySecretStore();
    const orch = orchestrator({ secrets });
    const spec = directSpec(gwInfo.url);
    const first = await orch.connect(spec);
    await connected(first);
    const deviceId = first.session!.deviceId!;
    expect(deviceId).toBeTruthy();
    await orch.disconnect(spec.id);
    const out = await gateway.cli(["devices", "revoke", "--device", deviceId, "--role", "operator", "--json"]);
    console.log(`[faults] revoke: ${out.trim().slice(0, 200)}`);
    // Same device, device token only (as after the shared token was removed from the settings).
    const again = await orch.connect({ ...spec, token: undefined });
    const s = await waitConn(again, isState("needs-attention"), 30_000, "needs-attention after the revoke");
    console.log(`[faults] revoked: ${s.attention?.reason}: ${s.attention?.message}`);
    expectAttention(s, "auth-device-token-mismatch", /^The stale device token was removed\. Paste the gateway token into this gateway's settings to pair again\.$/);
    await expectNoRetryLoop(again);
    again.setCredentials({ token: { value: gwInfo.token, source: "test" } });
    await again.retry();
    await connected(again, 30_000, "connected with the shared token after the revoke");
  });
});

// ---------------------------------------------------------------------------------------------------
describe("scripted servers", () => {
  const servers: Array<{ close(cb?: () => void): unknown }> = [];
  afterAll(async () => {
    for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  });

  async function wsServer(onConnection: (ws: WebSocket) => void): Promise<number> {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    servers.push(wss);
    wss.on("connection", (ws) => {
      ws.on("error", () => {});
      onConnection(ws);
    });
    await new Promise<void>((r) => wss.once("listening", () => r()));
    return (wss.address() as net.AddressInfo).port;
  }
  const challenge = () => JSON.stringify({ type: "event", event: "connect.challenge", payload: { nonce: randomBytes(16).toString("hex"), ts: Date.now() } });
  const onConnect = (ws: WebSocket, answer: (id: string) => void) =>
    ws.on("message", (data) => {
      try {
        const req = JSON.parse(data.toString()) as { type: string; id: string; method: string };
        if (req.type === "req" && req.method === "connect") answer(req.id);
      } catch {
        /* not ours to judge */
      }
    });
  const recorded = (name: string) =>
    (JSON.parse(fs.readFileSync(path.resolve("src-main/core/gateway/fixtures/recorded-frames.json"), "utf8")) as Array<{ name: string; response: unknown; close: { code: number; reason: string } }>).find((x) => x.name === name)!;

  it("protocol mismatch (the real gateway's recorded answer): needs attention with the update hint, no retry loop", async () => {
    const rec = recorded("protocol-mismatch");
    const port = await wsServer((ws) => {
      ws.send(challenge());
      onConnect(ws, (id) => {
        ws.send(JSON.stringify({ type: "res", id, ...(rec.response as object) }));
        ws.close(rec.close.code, rec.close.reason);
      });
    });
    const sup = await orchestrator().connect(directSpec(`ws://127.0.0.1:${port}`));
    const s = await waitConn(sup, isState("needs-attention"), 30_000, "needs-attention for a protocol mismatch");
    // The recorded answer expects v4 from a v3 client: the gateway's side is named as the one to update.
    expectAttention(s, "protocol-mismatch", /^Update the gateway: on the gateway host run `openclaw update`\.$/);
    await expectNoRetryLoop(sup);
  });

  it("gateway answering UNAVAILABLE / 1013 (starting) forever: reconnecting with 'starting' and 'nothing to do', attempts paced", async () => {
    let attempts = 0;
    const port = await wsServer((ws) => {
      attempts++;
      ws.send(challenge());
      onConnect(ws, (id) => {
        ws.send(JSON.stringify({ type: "res", id, ok: false, error: { code: "UNAVAILABLE", message: "gateway starting", retryable: true, retryAfterMs: 500 } }));
        ws.close(1013, "gateway starting");
      });
    });
    const sup = await orchestrator().connect(directSpec(`ws://127.0.0.1:${port}`));
    const s = await waitConn(sup, (x) => x.state === "reconnecting" && x.attention?.reason === "gateway-starting", 20_000, "reconnecting: gateway starting");
    expect(s.attention?.fixHint).toMatch(/nothing to do/i);
    const a0 = attempts;
    await expectQuietWait(sup, 3_000);
    const rate = (attempts - a0) / 3;
    console.log(`[faults] 1013: ${rate.toFixed(1)} attempts/s`);
    expect(rate).toBeLessThanOrEqual(5); // paced by the gateway's hint (≥ 200 ms apart), not a loop
    expect(sup.snapshot.state).not.toBe("needs-attention");
  });

  it("a server that accepts TCP and never says anything: reconnecting with a timeout-type reason, backing off", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => {
      sockets.push(s);
      s.on("error", () => {});
    });
    servers.push({ close: (cb?: () => void) => (sockets.forEach((s) => s.destroy()), silent.close(cb)) });
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    const sup = await orchestrator().connect(directSpec(`ws://127.0.0.1:${(silent.address() as net.AddressInfo).port}`));
    const s = await waitConn(sup, (x) => x.state === "reconnecting" && x.attention !== null, 60_000, "reconnecting against a silent server");
    console.log(`[faults] silent TCP: ${s.attention?.reason}: ${s.attention?.message}`);
    await expectQuietWait(sup, 3_000);
    expect(sockets.length).toBeLessThan(10);
  });

  it("a WebSocket server that never sends the challenge: reconnecting with the challenge reason, backing off", async () => {
    let opened = 0;
    const port = await wsServer(() => void opened++);
    const sup = await orchestrator().connect(directSpec(`ws://127.0.0.1:${port}`));
    const s = await waitConn(sup, (x) => x.state === "reconnecting" && x.attention !== null, 60_000, "reconnecting: no challenge");
    console.log(`[faults] no challenge: ${s.attention?.reason}: ${s.attention?.message}`);
    expect(s.attention?.reason).toBe("not-a-gateway");
    await expectQuietWait(sup, 3_000);
    expect(opened).toBeLessThan(10);
  });

  it("malformed frames (not JSON, wrong shapes, binary) in place of the challenge: no crash, reconnecting", async () => {
    let opened = 0;
    const port = await wsServer((ws) => {
      opened++;
      ws.send("{not json");
      ws.send(JSON.stringify([1, 2, 3]));
      ws.send(JSON.stringify({ type: "event", event: "connect.challenge", payload: null }));
      ws.send(JSON.stringify({ type: "res", id: 42, ok: "yes" }));
      ws.send(Buffer.from([0xff, 0x00, 0xfe]));
      ws.send(JSON.stringify({ type: "event", event: "connect.challenge", payload: { nonce: 7 } }));
    });
    const sup = await orchestrator().connect(directSpec(`ws://127.0.0.1:${port}`));
    const s = await waitConn(sup, (x) => (x.state === "reconnecting" || x.state === "needs-attention") && x.attention !== null, 60_000, "a reason for the malformed server");
    console.log(`[faults] malformed: ${s.state} ${s.attention?.reason}: ${s.attention?.message}`);
    expect(s.attention?.reason).toBe("not-a-gateway");
    expect(s.attention?.fixHint).toBeTruthy();
    await expectQuietWait(sup, 3_000);
    expect(opened).toBeLessThan(10);
  });

  it("an oversized frame (32 MiB) right after the challenge: no crash, reconnecting, attempts paced", async () => {
    // The hostile server runs in its own process, so the CPU measured here is the client's alone.
    const script = [
      "const { WebSocketServer } = require('ws');",
      "const pad = 'x'.repeat(32 << 20);",
      "const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });",
      "let n = 0;",
      "wss.on('listening', () => console.log('PORT ' + wss.address().port));",
      "wss.on('connection', (ws) => { n++; console.log('ATTEMPT ' + n); ws.on('error', () => {});",
      "  ws.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n' + n + 'abcdefabcdef', ts: Date.now() } }));",
      "  ws.on('message', (d) => { try { const r = JSON.parse(String(d)); if (r.method === 'connect') ws.send('{\"type\":\"res\",\"id\":' + JSON.stringify(r.id) + ',\"ok\":true,\"payload\":{\"type\":\"hello-ok\",\"pad\":\"' + pad + '\"}}'); } catch {} }); });",
    ].join("\n");
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"], cwd: process.cwd() });
    cleanups.push(() => child.kill("SIGKILL"));
    let attempts = 0;
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => {
        const t = d.toString();
        const m = /PORT (\d+)/.exec(t);
        if (m) resolve(Number(m[1]));
        attempts += (t.match(/ATTEMPT/g) ?? []).length;
      });
      child.once("exit", (c) => reject(new Error(`oversized server exited ${c}`)));
    });
    const sup = await orchestrator().connect(directSpec(`ws://127.0.0.1:${port}`));
    const s = await waitConn(sup, (x) => (x.state === "reconnecting" || x.state === "needs-attention") && x.attention !== null, 60_000, "a reason for the oversized frame");
    console.log(`[faults] oversized: ${s.state} ${s.attention?.reason}: ${s.attention?.message}`);
    // Each attempt makes the client receive and parse 32 MiB; once the backoff has grown past the first
    // quick retries the waiting must be quiet (a loop would keep parsing).
    const until = Date.now() + 30_000;
    while (attempts < 4 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const a0 = attempts;
    await expectQuietWait(sup, 4_000);
    console.log(`[faults] oversized: ${attempts} attempts so far, ${attempts - a0} in the 4 s measured`);
    expect(sup.snapshot.state).not.toBe("connected");
  });

  it("TLS pin mismatch against a scripted wss server: needs attention, refused before anything is sent, no retry loop", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "tls-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", `${dir}/k.pem`, "-out", `${dir}/c.pem`, "-days", "2", "-subj", "/CN=127.0.0.1"], { stdio: "ignore" });
    let upgrades = 0;
    const srv = https.createServer({ key: fs.readFileSync(`${dir}/k.pem`), cert: fs.readFileSync(`${dir}/c.pem`) });
    srv.on("upgrade", () => upgrades++);
    servers.push(srv);
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
    const wrongPin = randomBytes(32).toString("hex");
    const sup = await orchestrator().connect(directSpec(`wss://127.0.0.1:${(srv.address() as net.AddressInfo).port}`, { tlsFingerprint: wrongPin }));
    const s = await waitConn(sup, isState("needs-attention"), 30_000, "needs-attention for a pin mismatch");
    console.log(`[faults] TLS pin: ${s.attention?.reason}: ${s.attention?.message}`);
    expectAttention(s, "tls-pin-mismatch", /^If the gateway's certificate was replaced on purpose, update the pin to the new fingerprint; otherwise someone may be intercepting the connection\.$/);
    await expectNoRetryLoop(sup);
    expect(upgrades).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("exactly once across a flapping link", () => {
  it("100 chat sends while the SSH link is reset every 0.4–1.6 s (sending and while the gateway works through them): exactly 100 user messages in chat.history (10 sessions), none twice", async () => {
    const proxy: FaultProxy = await startFaultProxy({ targetPort: sshdInfo.port });
    cleanups.push(() => proxy.close());
    const kh = path.join(tmp, `kh-${proxy.port}`);
    fs.writeFileSync(kh, `[127.0.0.1]:${proxy.port} ${fs.readFileSync(sshdInfo.knownHosts, "utf8").trim().split(/\s+/).slice(1).join(" ")}\n`);
    const orch = orchestrator();
    const sup = await orch.connect(sshSpec({ target: `${sshdInfo.user}@127.0.0.1:${proxy.port}`, knownHostsFiles: [kh] }));
    await connected(sup);
    const session = sup.session!;
    // Ten chat sessions, ten messages each: the gateway queues at most ~20 follow-ups per session while a
    // run is active and drops/summarises beyond that (its queue cap, not a delivery failure), and
    // separate sessions let it work through the runs in parallel.
    const tag = randomBytes(4).toString("hex");
    const sessionKeys = Array.from({ length: 10 }, (_, i) => `agent:main:faults-flap-${tag}-${i}`);
    const states = new Map<string, string>();
    const offOutbox = session.on((e) => {
      if (e.type === "outbox") for (const x of e.entries) if (states.has(x.idempotencyKey)) { if (x.state === "failed" && states.get(x.idempotencyKey) !== "failed") console.log(`[faults] flapping: message ${keys.indexOf(x.idempotencyKey)} failed: ${x.error}`); states.set(x.idempotencyKey, x.state); }
    });
    let flaps = 0;
    let flapping = true;
    const flapper = (async () => {
      while (flapping) {
        await new Promise((r) => setTimeout(r, 400 + Math.random() * 1200));
        if (!flapping) break;
        proxy.resetAll();
        flaps++;
      }
    })();
    const keys: string[] = [];
    for (let i = 0; i < 100; i++) {
      const e = session.send(sessionKeys[i % 10]!, `flap message ${i}`);
      states.set(e.idempotencyKey, e.state);
      keys.push(e.idempotencyKey);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Keep flapping until every message was acknowledged (bounded).
    const deadline = Date.now() + 240_000;
    while ([...states.values()].some((s) => s !== "sent" && s !== "delivered" && s !== "failed") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    console.log(`[faults] flapping: ${flaps} resets while sending, outbox states ${JSON.stringify(countBy([...states.values()]))}`);
    expect([...states.values()].filter((s) => s === "sent" || s === "delivered")).toHaveLength(100);
    // The gateway runs one turn at a time per session, so a user turn reaches the transcript when its
    // run starts: keep flapping while it works through the queue, and read history until all 100 are
    // there (bounded), then let the link settle for the final read.
    const userIds = async (): Promise<string[]> => {
      const h = (await Promise.all(sessionKeys.map((k) => session.history(k, 200)))).flat();
      return h.filter((m) => (m as { role?: string }).role === "user").map(sendIdOf).filter((k): k is string => k !== null && keys.includes(k));
    };
    const until = Date.now() + 240_000;
    let seen: string[] = [];
    while (Date.now() < until) {
      await connected(sup, 60_000, "connected between flaps");
      seen = await userIds().catch(() => seen);
      if (new Set(seen).size >= 100) break;
      if (Math.random() < 0.1) console.log(`[faults] flapping: ${new Set(seen).size}/100 user turns in history, ${flaps} resets`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    flapping = false;
    await flapper;
    // Delivered = the gateway's history shows it: the outbox reconciles itself against history after
    // each reconnect, so every message ends delivered once the link is stable (bounded).
    const settled = Date.now() + 60_000;
    while ([...states.values()].some((s) => s !== "delivered") && Date.now() < settled) await new Promise((r) => setTimeout(r, 250));
    offOutbox();
    console.log(`[faults] flapping: outbox states once stable ${JSON.stringify(countBy([...states.values()]))}`);
    const recon = logs.records.filter((r) => r.msg === "reconciled a chat session").length;
    console.log(`[faults] flapping: ${recon} reconciliations against history; not delivered: ${JSON.stringify(session.outboxEntries().filter((e) => e.state !== "delivered").map((e) => [keys.indexOf(e.idempotencyKey), e.state]))}`);
    console.log(`[faults] flapping: ${flaps} resets in all, ${new Set(seen).size} distinct user turns`);
    expect(flaps).toBeGreaterThanOrEqual(10);
    await connected(sup, 60_000, "connected once the link is stable");
    const ids = await userIds();
    const answers = countBy(logs.records.filter((r) => r.msg.startsWith("the gateway answered the resend")).map((r) => r.msg.split(": ")[1] ?? "?"));
    console.log(`[faults] flapping: resends after reconciliation answered ${JSON.stringify(answers)}`);
    if (new Set(ids).size !== 100) {
      // What the gateway says of the missing ones, for the failure report.
      const missing = keys.filter((k) => !ids.includes(k));
      for (const sk of sessionKeys) {
        const raw = await session.request<Record<string, unknown>>("chat.history", { sessionKey: sk, limit: 200 });
        const info = raw.sessionInfo as { hasActiveRun?: boolean } | undefined;
        const mine = missing.filter((k) => session.outboxEntries().find((e) => e.idempotencyKey === k)?.sessionKey === sk || keys.indexOf(k) % 10 === sessionKeys.indexOf(sk));
        if (mine.length) console.log(`[faults] missing in ${sk}: ${JSON.stringify(mine.map((k) => keys.indexOf(k)))}; active run ${info?.hasActiveRun}; pendingInputs ${JSON.stringify(raw.pendingInputs).slice(0, 1000)}`);
      }
    }
    const counts = countBy(ids);
    const twice = Object.entries(counts).filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    expect(new Set(ids).size).toBe(100);
    // And the user sees every one of them as delivered.
    expect(countBy([...states.values()])).toEqual({ delivered: 100 });
  }, 480_000);
});

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
