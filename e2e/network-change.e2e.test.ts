// Network changes (issue 10 §5) with real peers: a real gateway reached through a network-namespace lab,
// over SSH (the lab's sshd) and directly (ws:// to the lab's address). The network-change path is the
// real one: watchNetwork reading os.networkInterfaces() in this process's namespace, wired to
// Orchestrator.networkChanged() as the desktop shell wires it. An address appearing or going (a new
// bridge with an IPv4 and an IPv6 address, as when Docker starts) must leave healthy connections exactly
// as they were: same state, same gateway connection (connId, session generation), same TCP socket. With
// the route cut (the lab's blackhole), the same event must get the connection off the dead link at once.
//
// The gateway listens on this namespace's loopback only, so two TCP relays carry it into the lab:
// lab 0.0.0.0:18789 → host side of the veth → 127.0.0.1:<gateway port>. A blackhole drops both the SSH
// link and the relayed direct traffic.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { watchNetwork } from "../src-main/core/desktop/network-watch.js";
import type { ConnectionSpec } from "../src-main/core/orchestrator/connection-spec.js";
import type { ConnectionSupervisor } from "../src-main/core/orchestrator/connection-supervisor.js";
import { Orchestrator } from "../src-main/core/orchestrator/orchestrator.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import type { ConnectionSnapshot } from "../src-shared/connection.js";
import { isState, recordConn, waitConn } from "./harness/fault-watch.js";
import { NetnsLab } from "./harness/netns-lab.js";
import { collectingLogger } from "./harness/session-helpers.js";
import { TestSshd } from "./harness/sshd.js";

const gw = inject("gateway");
const lab = new NetnsLab();
const logs = collectingLogger();
const LAB_GATEWAY_PORT = 18789;
let sshd: TestSshd;
let relay: net.Server;
let tmp: string;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-netchange-"));
  lab.up();
  relay = net.createServer((c) => {
    const up = net.connect(gw.port, "127.0.0.1");
    for (const s of [c, up]) s.on("error", () => (c.destroy(), up.destroy()));
    c.pipe(up).pipe(c);
  });
  await new Promise<void>((r) => relay.listen(0, lab.hostAddr, r));
  const relayPort = (relay.address() as net.AddressInfo).port;
  const script = `const net=require('net');net.createServer(c=>{const u=net.connect(${relayPort},'${lab.hostAddr}');for(const s of [c,u])s.on('error',()=>{c.destroy();u.destroy()});c.pipe(u).pipe(c)}).listen(${LAB_GATEWAY_PORT},'0.0.0.0',()=>console.log('READY'))`;
  const p = lab.spawn([process.execPath, "-e", script]);
  sshd = await new TestSshd({ netns: lab.ns, listen: lab.labAddr, port: 2222 }).start();
  await new Promise<void>((resolve, reject) => {
    p.stdout!.on("data", (d: Buffer) => d.toString().includes("READY") && resolve());
    p.once("exit", (c) => reject(new Error(`lab relay exited (${c})`)));
  });
}, 30_000);

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  lab.restore();
});

afterAll(async () => {
  await sshd?.dispose();
  await new Promise((r) => relay?.close(r));
  lab.down();
  fs.rmSync(tmp, { recursive: true, force: true });
  expect(logs.text()).not.toContain(gw.token);
});

function orchestrator(): Orchestrator {
  const dir = fs.mkdtempSync(path.join(tmp, "cfg-"));
  const o = new Orchestrator({ secrets: new MemorySecretStore(), logger: logs.logger, prompts: {}, configDir: dir, env: {}, homeDir: dir });
  cleanups.push(() => o.stopAll());
  return o;
}

function spec(kind: "ssh" | "direct"): ConnectionSpec {
  const id = `${kind}-${randomBytes(3).toString("hex")}`;
  const base = { id, name: `netchange ${id}`, token: { value: gw.token, source: "test" }, gatewayKey: `netchange-${id}` };
  if (kind === "direct") return { ...base, kind, url: `ws://${lab.labAddr}:${LAB_GATEWAY_PORT}` };
  return {
    ...base,
    kind,
    ssh: { target: `${sshd.user}@${lab.labAddr}:2222`, identityFile: sshd.key, remotePort: LAB_GATEWAY_PORT, localPort: 0, knownHostsFiles: [sshd.knownHosts] },
  };
}

/** The real watch, polling fast, feeding the orchestrator; resolves `next()` on each change it sees. */
function watch(orch: Orchestrator): { next(): Promise<number> } {
  let seen = 0;
  const waiters: Array<(n: number) => void> = [];
  const stop = watchNetwork({
    intervalMs: 100,
    onChange: () => {
      seen++;
      orch.networkChanged();
      for (const w of waiters.splice(0)) w(Date.now());
    },
  });
  cleanups.push(stop);
  return {
    next: () =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`the network watch saw no change within 3 s (${seen} so far)`)), 3_000);
        waiters.push((n) => (clearTimeout(t), resolve(n)));
      }),
  };
}

/**
 * A new interface with one IPv4 and one IPv6 address in this (the client's) namespace, as `docker0` is
 * when Docker starts: a bridge with no ports (this kernel has no `dummy` link type). Returns its removal.
 */
function addBridge(): () => void {
  const name = `clkd${randomBytes(3).toString("hex")}`;
  const b = randomBytes(1)[0]!;
  const ip = (...a: string[]) => execFileSync("ip", a, { stdio: ["ignore", "ignore", "pipe"] });
  ip("link", "add", name, "type", "bridge");
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    ip("link", "del", name);
  };
  cleanups.push(remove);
  // 10.213.200.0/24 lies outside every lab /30 (10.213.0-63.x); fd00:c1a::/64 is a ULA nothing routes to.
  ip("addr", "add", `10.213.200.${b}/32`, "dev", name);
  ip("-6", "addr", "add", `fd00:c1a::${b.toString(16)}/128`, "dev", name, "nodad");
  ip("link", "set", name, "up");
  return remove;
}

/** This namespace's established TCP connections to the lab on `port` ("local peer", queue sizes dropped), as the kernel lists them. */
function socketTo(port: number): string {
  const out = execFileSync("ss", ["-Htn", "state", "established", "dst", `${lab.labAddr}:${port}`], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/).slice(-2).join(" "))
    .join(", ");
}

function identity(sup: ConnectionSupervisor): { connId: string | null; generation: number | undefined } {
  return { connId: sup.snapshot.connected?.connId ?? null, generation: sup.session?.snapshot.generation };
}

/** After a change on a healthy link: every probe has had its time (SSH grace 2 s, round trip ≤ 3 s) and then some. */
const SETTLE_MS = 4_000;

async function expectUntouched(sup: ConnectionSupervisor, port: number, change: () => Promise<unknown>): Promise<void> {
  const before = { ...identity(sup), socket: socketTo(port) };
  expect(before.socket).not.toBe("");
  const rec = recordConn(sup);
  await change();
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  rec.stop();
  expect(rec.list.map((x) => x.s.state).filter((s) => s !== "connected")).toEqual([]);
  expect(identity(sup)).toEqual({ connId: before.connId, generation: before.generation });
  expect(socketTo(port)).toBe(before.socket);
}

describe("a network change re-checks instead of reconnecting", () => {
  it("SSH: an address appearing and going leaves the tunnel and the session alone; with the route cut, the SSH ping fails and it reconnects within 4 s", async () => {
    const orch = orchestrator();
    const sup = await orch.connect(spec("ssh"));
    await waitConn(sup, isState("connected"), 30_000, "connected over SSH through the lab");
    const net = watch(orch);

    let remove: () => void = () => undefined;
    await expectUntouched(sup, 2222, () => {
      const seen = net.next();
      remove = addBridge();
      return seen;
    });
    await expectUntouched(sup, 2222, () => {
      const seen = net.next();
      remove();
      return seen;
    });

    lab.blackhole();
    const seen = net.next();
    addBridge();
    const changedAt = await seen;
    const lost: ConnectionSnapshot = await waitConn(sup, isState("reconnecting"), 4_000, "reconnecting after a network change on a cut route");
    console.log(`[netchange] ssh: reconnecting ${Date.now() - changedAt} ms after the change was seen`);
    expect(lost.attention?.message).toContain("an SSH ping after a network change went unanswered");
  });

  it("direct: an address appearing and going leaves the WebSocket alone; with the route cut, the health round trip fails and it reconnects within 5 s", async () => {
    const orch = orchestrator();
    const sup = await orch.connect(spec("direct"));
    await waitConn(sup, isState("connected"), 30_000, "connected directly to the lab address");
    const net = watch(orch);

    let remove: () => void = () => undefined;
    await expectUntouched(sup, LAB_GATEWAY_PORT, () => {
      const seen = net.next();
      remove = addBridge();
      return seen;
    });
    await expectUntouched(sup, LAB_GATEWAY_PORT, () => {
      const seen = net.next();
      remove();
      return seen;
    });

    const before = identity(sup);
    lab.blackhole();
    const seen = net.next();
    addBridge();
    const changedAt = await seen;
    await waitConn(sup, (s) => s.state !== "connected", 5_000, "off the dead WebSocket after a network change on a cut route");
    console.log(`[netchange] direct: ${sup.snapshot.state} ${Date.now() - changedAt} ms after the change was seen`);
    expect(sup.session?.snapshot.generation).toBeGreaterThan(before.generation!);
  });
});
