import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bindLoopback } from "../transport/loopback-listener.js";
import { checkLocalListener, judgeLocalListener, localListenerAttention, readGatewayLocks, type JudgeInput } from "./local-listener-check.js";

const base: JudgeInput = { port: 18789, owner: null, locks: [], selfPid: 100, selfUid: 1000 };
const gatewayOwner = { pids: [4242], argv: ["openclaw-gateway"], uid: 1000 };

describe("is the listener on the local gateway's port this machine's gateway? (issue 10)", () => {
  it("one of this process's tunnels, whatever else is true", () => {
    expect(judgeLocalListener({ ...base, ourTunnel: "Home", owner: gatewayOwner, locks: [{ pid: 4242, port: 18789 }] })).toEqual({ kind: "our-tunnel", label: "Home" });
  });

  it("the owner of the socket is the pid in the gateway's own lock → this machine's gateway", () => {
    expect(judgeLocalListener({ ...base, owner: { pids: [4242], argv: ["node"], uid: 1000 }, locks: [{ pid: 4242, port: 18789 }] })).toEqual({ kind: "own-gateway", evidence: "lock" });
  });

  it("a live lock but another process on the port → not this machine's gateway, named", () => {
    expect(judgeLocalListener({ ...base, owner: { pids: [555], argv: ["/usr/bin/ssh", "-N", "-L", "18789:127.0.0.1:18789", "box"], uid: 1000 }, locks: [{ pid: 4242, port: 18790 }] })).toEqual({
      kind: "not-gateway",
      what: "another program (ssh, pid 555)",
    });
    expect(judgeLocalListener({ ...base, owner: { ...gatewayOwner, pids: [777] }, locks: [{ pid: 4242, port: 18790 }] })).toEqual({
      kind: "not-gateway",
      what: "another OpenClaw gateway (openclaw-gateway, pid 777), not the one this machine's config runs",
    });
  });

  it("no lock at all but the owner runs `openclaw gateway` → accepted (a gateway that writes no lock)", () => {
    expect(judgeLocalListener({ ...base, owner: { pids: [9], argv: ["/usr/bin/node", "/opt/openclaw/openclaw.mjs", "gateway", "--port", "18789"] } })).toEqual({ kind: "own-gateway", evidence: "argv" });
    expect(judgeLocalListener({ ...base, owner: gatewayOwner })).toEqual({ kind: "own-gateway", evidence: "argv" });
  });

  it("another Clawlink process's tunnel, or Clawlink itself, is never the gateway", () => {
    expect(judgeLocalListener({ ...base, owner: { pids: [31], argv: ["node", "/home/me/clawlink/bin/clawlink.mjs", "connect", "home"] } })).toEqual({
      kind: "not-gateway",
      what: "another Clawlink's tunnel (node, pid 31)",
    });
    expect(judgeLocalListener({ ...base, owner: { pids: [100], argv: ["node"] } })).toEqual({ kind: "not-gateway", what: "Clawlink itself (pid 100)" });
    expect(judgeLocalListener({ ...base, owner: { pids: [32], argv: ["/Applications/Clawlink.app/Contents/MacOS/Clawlink"] } }).kind).toBe("not-gateway");
    // Found by the real-peer test: a program whose arguments merely mention a clawlink path is another program.
    expect(judgeLocalListener({ ...base, owner: { pids: [33], argv: ["node", "-e", "/tmp/clawlink-x/script"] } })).toEqual({ kind: "not-gateway", what: "another program (node, pid 33)" });
  });

  it("a socket of another user that cannot be mapped to a process: not ours unless the gateway's lock names the port", () => {
    expect(judgeLocalListener({ ...base, owner: { pids: [], argv: [], uid: 1001 } })).toEqual({ kind: "not-gateway", what: "a program of another user (uid 1001)" });
    expect(judgeLocalListener({ ...base, owner: { pids: [], argv: [], uid: 1001 }, locks: [{ pid: 4242, port: 18789 }] })).toEqual({ kind: "own-gateway", evidence: "lock-only" });
  });

  it("no owner lookup on this OS: a live lock on the port is accepted, nothing else is claimed", () => {
    expect(judgeLocalListener({ ...base, locks: [{ pid: 4242, port: 18789 }] })).toEqual({ kind: "own-gateway", evidence: "lock-only" });
    expect(judgeLocalListener({ ...base, locks: [{ pid: 4242, port: 18790 }] })).toEqual({ kind: "unknown" });
  });

  it("says what holds the port, and only the blocking verdicts produce an attention (no token prompt reason)", () => {
    expect(localListenerAttention(18789, { kind: "our-tunnel", label: "Home" })).toEqual({
      reason: "local-port-not-gateway",
      message: "127.0.0.1:18789 is Clawlink's tunnel to Home, not a gateway on this machine.",
      fixHint: "Disconnect Home or give it another local port (remove its ssh.localPort); this profile connects once this machine's own gateway answers there. No token is sent to the tunnel.",
    });
    expect(localListenerAttention(18789, { kind: "not-gateway", what: "another program (ssh, pid 555)" })?.message).toBe("127.0.0.1:18789 is held by another program (ssh, pid 555), not this machine's OpenClaw gateway.");
    for (const ok of [{ kind: "nothing" }, { kind: "unknown" }, { kind: "own-gateway", evidence: "lock" }] as const) expect(localListenerAttention(18789, ok)).toBeNull();
  });
});

describe("the facts, gathered for real", () => {
  const dirs: string[] = [];
  const closers: Array<() => void> = [];
  afterEach(() => {
    for (const c of closers.splice(0)) c();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it("reads the gateway's lock files from <state>/tmp/openclaw-<uid>/ and drops a dead owner", async () => {
    const state = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-state-"));
    dirs.push(state);
    const lockDir = path.join(state, "tmp", typeof process.getuid === "function" ? `openclaw-${process.getuid()}` : "openclaw");
    fs.mkdirSync(lockDir, { recursive: true });
    fs.writeFileSync(path.join(lockDir, "gateway.state.lock"), JSON.stringify({ pid: process.pid, port: 18789, createdAt: "x", configPath: "/c" }));
    fs.writeFileSync(path.join(lockDir, "gateway.8989b1da.lock"), JSON.stringify({ pid: 2 ** 22 + 17, port: 18790, createdAt: "x", configPath: "/c" })); // no such pid
    fs.writeFileSync(path.join(lockDir, "gateway.8989b1da.lock.sqlite"), "");
    expect(await readGatewayLocks(state)).toEqual([{ pid: process.pid, port: 18789 }]);
  });

  it("a tunnel this process listens with is recognised by its port, before any lookup", async () => {
    const b = await bindLoopback(0, false, (s) => s.destroy(), true, "Home Desktop");
    closers.push(() => b.servers.forEach((s) => s.close()));
    expect(await checkLocalListener(b.port, { env: {} })).toEqual({ kind: "our-tunnel", label: "Home Desktop" });
  });

  it("a closed port is 'nothing'; a tunnel's port is forgotten once its listener closes", async () => {
    const b = await bindLoopback(0, false, (s) => s.destroy(), true, "Home Desktop");
    await Promise.all(b.servers.map((s) => new Promise((r) => s.close(r))));
    expect(await checkLocalListener(b.port, { env: {} })).toEqual({ kind: "nothing" });
  });

  it.runIf(process.platform === "linux")("a plain server in this process is reported as Clawlink itself, not as a gateway", async () => {
    const srv = net.createServer((s) => s.destroy());
    closers.push(() => srv.close());
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    expect(await checkLocalListener(port, { env: { OPENCLAW_STATE_DIR: os.tmpdir() } })).toEqual({ kind: "not-gateway", what: `Clawlink itself (pid ${process.pid})` });
  });
});
