// The SSH tunnel supervisor against real OpenSSH servers and the real gateway: every auth method,
// ssh_config aliases with ProxyJump, host key decisions (unknown, changed, hashed, revoked), local port
// fallback, sshd restarts, and the "nothing is listening" message. Only loopback addresses are used.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { KeyringSecretStore } from "../src-main/core/secrets/keyring-store.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { sshPasswordKey } from "../src-main/core/transport/ssh-auth.js";
import { resolveSshTarget, type SshTarget } from "../src-main/core/transport/ssh-target.js";
import { TunnelSupervisor, type HostKeyPrompt, type TunnelSupervisorOptions } from "../src-main/core/transport/tunnel-supervisor.js";
import { freePort } from "./harness/free-port.js";
import { handshake } from "./harness/handshake.js";
import { TestSshd } from "./harness/sshd.js";
import { phase, recordSnapshots, waitForSnapshot } from "./harness/tunnel-wait.js";

const gw = inject("gateway");
const sshd = inject("sshd");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-transport-ssh-"));
const emptyHome = path.join(tmp, "home");
fs.mkdirSync(emptyHome);
const supervisors: TunnelSupervisor[] = [];
const extraSshds: TestSshd[] = [];

let n = 0;
function file(name: string, text = ""): string {
  const p = path.join(tmp, `${++n}-${name}`);
  fs.writeFileSync(p, text, { mode: 0o600 });
  return p;
}

function configFor(alias: string, s: { port: number; user: string }, lines: string[] = []): string {
  return [`Host ${alias}`, "  HostName 127.0.0.1", `  Port ${s.port}`, `  User ${s.user}`, ...lines.map((l) => `  ${l}`), ""].join("\n");
}

function target(alias: string, configText: string): SshTarget {
  const r = resolveSshTarget(alias, { configText, homeDir: emptyHome, env: {} });
  if (!r.ok) throw new Error(r.attention.message);
  return r.target;
}

/** A supervisor with test defaults: no ambient agent or ~/.ssh keys, a private app known_hosts. */
function supervise(o: Partial<TunnelSupervisorOptions> & { target: SshTarget }): TunnelSupervisor {
  const sup = new TunnelSupervisor({
    knownHostsFiles: [sshd.knownHosts],
    appKnownHostsFile: path.join(tmp, `app-known-hosts-${++n}`),
    preferredLocalPort: 0,
    remotePort: gw.port,
    ...o,
    auth: { env: {}, homeDir: emptyHome, ...(o.auth ?? {}) },
  });
  supervisors.push(sup);
  return sup;
}

async function ownSshd(opts: ConstructorParameters<typeof TestSshd>[0] = {}): Promise<TestSshd> {
  const s = await new TestSshd(opts).start();
  extraSshds.push(s);
  return s;
}

afterAll(async () => {
  await Promise.all(supervisors.map((s) => s.stop()));
  await Promise.all(extraSshds.map((s) => s.dispose()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("SSH tunnel: authentication", () => {
  it("key file: forwards to the real gateway and a device handshake succeeds through it", async () => {
    const sup = supervise({ target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`, "IdentitiesOnly yes"])) });
    const seen = recordSnapshots(sup);
    await sup.start();
    const s = await waitForSnapshot(sup, phase("forwarding"), 20_000);
    expect(s.authMethod).toEqual({ method: "publickey", detail: sshd.key });
    // The phases a person sees, in order.
    expect(seen.list.map((x) => x.s.phase).filter((p, i, a) => p !== a[i - 1])).toEqual(["connecting", "verifying-host", "authenticating", "forwarding"]);
    await waitForSnapshot(sup, (x) => x.remoteListening === true, 10_000, "the remote check");
    const { hello, client } = await handshake(sup.localUrl!, gw.token);
    expect(hello.auth?.deviceToken).toBeTruthy();
    client.stop();
    await sup.stop();
    expect(sup.snapshot.phase).toBe("stopped");
  });

  it("encrypted key: asks for the passphrase through the callback, retries after a wrong one", async () => {
    const asked: number[] = [];
    const store = new MemorySecretStore();
    const sup = supervise({
      target: target("enc", configFor("enc", sshd, [`IdentityFile ${sshd.encKey}`])),
      auth: {
        store,
        askPassphrase: async ({ keyFile, attempt }) => {
          expect(keyFile).toBe(sshd.encKey);
          asked.push(attempt);
          return { passphrase: attempt === 1 ? "wrong-passphrase" : sshd.passphrase };
        },
      },
    });
    await sup.start();
    const s = await waitForSnapshot(sup, phase("forwarding"), 30_000);
    expect(asked).toEqual([1, 2]);
    expect(s.authMethod).toEqual({ method: "publickey", detail: sshd.encKey });
    // Not remembered: the person did not opt in.
    expect(await store.get({ service: "Clawlink SSH key passphrase", account: sshd.encKey })).toBeNull();
  });

  it("encrypted key with 'remember' ticked: the passphrase goes to the keychain and is not asked again", async () => {
    const store = new MemorySecretStore();
    const t = target("enc", configFor("enc", sshd, [`IdentityFile ${sshd.encKey}`]));
    const first = supervise({ target: t, auth: { store, askPassphrase: async () => ({ passphrase: sshd.passphrase, remember: true }) } });
    await first.start();
    await waitForSnapshot(first, phase("forwarding"), 30_000);
    expect(await store.get({ service: "Clawlink SSH key passphrase", account: sshd.encKey })).toBe(sshd.passphrase);
    const second = supervise({ target: t, auth: { store, askPassphrase: async () => { throw new Error("must not ask"); } } });
    await second.start();
    const s = await waitForSnapshot(second, phase("forwarding"), 30_000);
    expect(s.authMethod).toEqual({ method: "publickey", detail: sshd.encKey });
  });

  it("ssh-agent: logs in with the agent's key and says so", async () => {
    const own = await ownSshd();
    const sock = await own.startAgent();
    const sup = supervise({
      target: target("agent", configFor("agent", own)),
      knownHostsFiles: [own.knownHosts],
      auth: { env: { SSH_AUTH_SOCK: sock } },
    });
    await sup.start();
    const s = await waitForSnapshot(sup, phase("forwarding"), 20_000);
    expect(s.authMethod).toEqual({ method: "agent", detail: sock });
  });

  it("password from the OS keychain; a wrong one stops with every method tried listed", async () => {
    const own = await ownSshd({ password: "Pw-" + Math.random().toString(36).slice(2) });
    const store = new KeyringSecretStore();
    const t = target("pw", configFor("pw", own, ["IdentityAgent none"]));
    await store.set(sshPasswordKey(t), own.password!);
    try {
      const sup = supervise({ target: t, knownHostsFiles: [own.knownHosts], auth: { store } });
      await sup.start();
      const s = await waitForSnapshot(sup, phase("forwarding"), 20_000);
      expect(s.authMethod).toEqual({ method: "password", detail: `${own.user}@127.0.0.1` });

      await store.set(sshPasswordKey(t), "not-the-password");
      const bad = supervise({ target: target("pw", configFor("pw", own, [`IdentityFile ${path.join(tmp, "missing-key")}`])), knownHostsFiles: [own.knownHosts], auth: { store } });
      await bad.start();
      const b = await waitForSnapshot(bad, phase("needs-attention"), 20_000);
      expect(b.attention?.reason).toBe("ssh-auth-failed");
      expect(b.attention?.message).toContain(`password for ${own.user}@127.0.0.1`);
      expect(b.attention?.message).not.toContain("not-the-password");
    } finally {
      await store.delete(sshPasswordKey(t));
    }
  });

  it("a key the server does not accept: stops (no retry loop) and names the key it tried", async () => {
    const stranger = path.join(tmp, "stranger_key");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", stranger]);
    const sup = supervise({ target: target("x", configFor("x", sshd, [`IdentityFile ${stranger}`])) });
    await sup.start();
    const s = await waitForSnapshot(sup, phase("needs-attention"), 20_000);
    expect(s.attention?.reason).toBe("ssh-auth-failed");
    expect(s.attention?.message).toContain(`key ${stranger}`);
  });
});

describe("SSH tunnel: ssh_config alias with ProxyJump", () => {
  it("dials the jump host first, then the target through it, and forwards to the gateway", async () => {
    const jump = await ownSshd();
    const config = [
      configFor("bastion", jump, [`IdentityFile ${jump.key}`]),
      configFor("gateway-host", sshd, [`IdentityFile ${sshd.key}`, "ProxyJump bastion", "ServerAliveInterval 7", "ServerAliveCountMax 2"]),
    ].join("\n");
    const t = target("gateway-host", config);
    expect(t.jumps.map((j) => j.alias)).toEqual(["bastion"]);
    const knownHosts = file("known_hosts", fs.readFileSync(jump.knownHosts, "utf8") + fs.readFileSync(sshd.knownHosts, "utf8"));
    const sup = supervise({ target: t, knownHostsFiles: [knownHosts] });
    const seen = recordSnapshots(sup);
    await sup.start();
    await waitForSnapshot(sup, phase("forwarding"), 20_000);
    const hops = seen.list.map((x) => x.s.hop).filter((h, i, a) => h && h !== a[i - 1]);
    expect(hops).toEqual(["bastion", "gateway-host"]);
    const { hello, client } = await handshake(sup.localUrl!, gw.token);
    expect(hello.type).toBe("hello-ok");
    client.stop();
    // The jump host really carried it: its sshd logged our login and the direct-tcpip channel.
    const log = fs.readFileSync(path.join(jump.dir, "sshd.log"), "utf8");
    expect(log).toMatch(/Accepted publickey for clawlinktest/);
  });
});

describe("SSH tunnel: host keys, fail closed", () => {
  it("unknown host key: the prompt shows OpenSSH's fingerprint; trusting appends to the app file only", async () => {
    const userKnownHosts = file("user_known_hosts", "# the user's file\n");
    const appFile = path.join(tmp, "app-kh-accept");
    const prompts: HostKeyPrompt[] = [];
    const sup = supervise({
      target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`])),
      knownHostsFiles: [userKnownHosts],
      appKnownHostsFile: appFile,
      confirmHostKey: async (p) => {
        prompts.push(p);
        return true;
      },
    });
    await sup.start();
    await waitForSnapshot(sup, phase("forwarding"), 20_000);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.fingerprint).toBe(sshd.hostFingerprint);
    expect(prompts[0]!.keyType).toBe("ssh-ed25519");
    expect(fs.readFileSync(userKnownHosts, "utf8")).toBe("# the user's file\n");
    expect(fs.readFileSync(appFile, "utf8")).toBe(`[127.0.0.1]:${sshd.port} ${sshd.hostKeyPub}\n`);
    expect(fs.statSync(appFile).mode & 0o777).toBe(0o600);
    // Next time the key is known: no prompt callback at all, and it connects.
    const again = supervise({ target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`])), knownHostsFiles: [userKnownHosts], appKnownHostsFile: appFile });
    await again.start();
    await waitForSnapshot(again, phase("forwarding"), 20_000);
  });

  it("unknown host key rejected: stops, stores nothing", async () => {
    const appFile = path.join(tmp, "app-kh-reject");
    const sup = supervise({
      target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`])),
      knownHostsFiles: [file("empty_known_hosts")],
      appKnownHostsFile: appFile,
      confirmHostKey: async () => false,
    });
    await sup.start();
    const s = await waitForSnapshot(sup, phase("needs-attention"), 20_000);
    expect(s.attention?.reason).toBe("host-key-declined");
    expect(s.attention?.message).toContain(sshd.hostFingerprint);
    expect(fs.existsSync(appFile)).toBe(false);
  });

  it("changed host key: refused with both fingerprints, no prompt, and sshd never saw an auth request", async () => {
    const own = await ownSshd({ extra: ["LogLevel DEBUG1"] });
    const log = path.join(own.dir, "sshd.log");
    // Control first: a good login on this server does log userauth requests, so their absence below means something.
    const good = supervise({ target: target("o", configFor("o", own, [`IdentityFile ${own.key}`])), knownHostsFiles: [own.knownHosts] });
    await good.start();
    await waitForSnapshot(good, phase("forwarding"), 20_000);
    await good.stop();
    expect(fs.readFileSync(log, "utf8")).toMatch(/userauth-request for user clawlinktest/);

    const other = path.join(tmp, "other_host_key");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", other]);
    const otherPub = fs.readFileSync(`${other}.pub`, "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
    const otherFp = execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", `${other}.pub`], { encoding: "utf8" }).split(/\s+/)[1]!;
    const knownHosts = file("changed_known_hosts", `[127.0.0.1]:${own.port} ${otherPub}\n`);
    const before = fs.readFileSync(log, "utf8").length;
    let prompted = false;
    const sup = supervise({
      target: target("o", configFor("o", own, [`IdentityFile ${own.key}`])),
      knownHostsFiles: [knownHosts],
      confirmHostKey: async () => (prompted = true),
    });
    await sup.start();
    const s = await waitForSnapshot(sup, phase("needs-attention"), 20_000);
    expect(s.attention?.reason).toBe("host-key-changed");
    expect(s.attention?.message).toContain(otherFp);
    expect(s.attention?.message).toContain(own.hostFingerprint);
    expect(prompted).toBe(false);
    // Wait (bounded) until sshd has logged the end of our pre-auth connection, then read what it saw.
    let after = "";
    for (let i = 0; i < 100; i++) {
      after = fs.readFileSync(log, "utf8").slice(before);
      if (/Connection (closed|reset) by .*\[preauth\]|Disconnected from/.test(after)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(after).toMatch(/Connection from 127\.0\.0\.1/);
    expect(after).toMatch(/\[preauth\]/);
    expect(after).not.toMatch(/userauth-request|Accepted|Failed publickey|Postponed/);
  });

  it("hashed known_hosts entry (ssh-keygen -H) is recognised", async () => {
    const hashed = file("hashed_known_hosts", fs.readFileSync(sshd.knownHosts, "utf8"));
    execFileSync("ssh-keygen", ["-q", "-H", "-f", hashed], { stdio: "ignore" });
    const text = fs.readFileSync(hashed, "utf8");
    expect(text.startsWith("|1|")).toBe(true);
    expect(text).not.toContain("127.0.0.1");
    const sup = supervise({ target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`])), knownHostsFiles: [hashed] });
    await sup.start();
    await waitForSnapshot(sup, phase("forwarding"), 20_000);
  });

  it("@revoked key is refused even though the host line matches", async () => {
    const kh = file("revoked_known_hosts", fs.readFileSync(sshd.knownHosts, "utf8") + `@revoked * ${sshd.hostKeyPub}\n`);
    const sup = supervise({ target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`])), knownHostsFiles: [kh] });
    await sup.start();
    const s = await waitForSnapshot(sup, phase("needs-attention"), 20_000);
    expect(s.attention?.reason).toBe("host-key-revoked");
  });
});

describe("SSH tunnel: local port, remote port, restarts", () => {
  it("preferred port busy: falls back to a free port and says which", async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
    const taken = (busy.address() as net.AddressInfo).port;
    try {
      const sup = supervise({ target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`])), preferredLocalPort: taken });
      await sup.start();
      const s = await waitForSnapshot(sup, phase("forwarding"), 20_000);
      expect(s.preferredLocalPort).toBe(taken);
      expect(s.portFallback).toBe(true);
      expect(s.localPort).not.toBe(taken);
      const { client } = await handshake(sup.localUrl!, gw.token);
      client.stop();

      const strict = supervise({ target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`])), preferredLocalPort: taken, allowPortFallback: false });
      await strict.start();
      const t = await waitForSnapshot(strict, phase("needs-attention"), 5_000);
      expect(t.attention?.reason).toBe("local-port-busy");
      expect(t.attention?.message).toContain(String(taken));
    } finally {
      busy.close();
    }
  });

  it("nothing listening on the SSH port: keeps retrying with a 'refused' reason and growing delays", async () => {
    const closed = await freePort();
    const sup = supervise({ target: target("down", configFor("down", { port: closed, user: "nobody" })), backoff: { baseMs: 100, maxMs: 400 } });
    await sup.start();
    const a = await waitForSnapshot(sup, (s) => s.phase === "reconnecting" && s.attempt === 1, 10_000);
    expect(a.attention?.reason).toBe("ssh-refused");
    expect(a.attention?.message).toContain(`port ${closed}`);
    const b = await waitForSnapshot(sup, (s) => s.phase === "reconnecting" && s.attempt === 3, 10_000);
    expect(b.generation).toBeGreaterThan(a.generation);
    await sup.stop();
  });

  it("listens on ::1 as well as 127.0.0.1 where this machine has IPv6 loopback", async () => {
    const v6 = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(0, "::1", () => probe.close(() => resolve(true)));
    });
    console.log(`[ssh] IPv6 loopback available here: ${v6}`);
    const sup = supervise({ target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`])) });
    await sup.start();
    const s = await waitForSnapshot(sup, phase("forwarding"), 20_000);
    const reach = (host: string) =>
      new Promise<boolean>((resolve) => {
        const c = net.connect(s.localPort!, host, () => (c.destroy(), resolve(true)));
        c.once("error", () => resolve(false));
      });
    expect(await reach("127.0.0.1")).toBe(true);
    expect(await reach("::1")).toBe(v6);
    if (v6) {
      const { hello, client } = await handshake(`ws://[::1]:${s.localPort}`, gw.token);
      expect(hello.type).toBe("hello-ok");
      client.stop();
    }
  });

  it("preferred port free: uses it", async () => {
    const want = await freePort();
    const sup = supervise({ target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`])), preferredLocalPort: want });
    await sup.start();
    const s = await waitForSnapshot(sup, phase("forwarding"), 20_000);
    expect(s.localPort).toBe(want);
    expect(s.portFallback).toBe(false);
  });

  it("remote port with nothing listening: the specific message, and local clients are closed cleanly", async () => {
    const nothing = await freePort();
    const sup = supervise({ target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`])), remotePort: nothing });
    await sup.start();
    const s = await waitForSnapshot(sup, (x) => x.phase === "forwarding" && x.remoteListening === false, 20_000, "the remote check");
    expect(s.remoteWarning?.message).toBe(`nothing is listening on 127.0.0.1:${nothing} on gw — is the gateway running?`);
    const closed = await new Promise<string>((resolve) => {
      const c = net.connect(s.localPort!, "127.0.0.1");
      c.on("error", (e) => resolve(`error ${e.message}`));
      c.on("close", () => resolve("closed"));
    });
    expect(closed).toBe("closed");
    expect(sup.snapshot.phase).toBe("forwarding"); // one failed forward never takes the tunnel down
  });

  it("sshd killed: reconnecting, and forwarding again when it returns; a client that arrives meanwhile waits", async () => {
    const own = await ownSshd();
    const sup = supervise({
      target: target("own", configFor("own", own, [`IdentityFile ${own.key}`])),
      knownHostsFiles: [own.knownHosts],
      backoff: { baseMs: 200, maxMs: 1_000 },
      pendingConnectionWaitMs: 15_000,
    });
    await sup.start();
    const first = await waitForSnapshot(sup, phase("forwarding"), 20_000);
    await own.stop();
    const r = await waitForSnapshot(sup, phase("reconnecting"), 10_000);
    expect(r.attempt).toBe(1);
    expect(r.nextAt).toBeGreaterThan(r.since);
    // While SSH is down the listener is still there; this handshake waits for the tunnel.
    expect(sup.snapshot.localPort).toBe(first.localPort);
    const pending = handshake(sup.localUrl!, gw.token);
    await own.restart();
    const back = await waitForSnapshot(sup, (s) => s.phase === "forwarding" && s.generation > first.generation, 20_000);
    expect(back.localPort).toBe(first.localPort);
    const { hello, client } = await pending;
    expect(hello.type).toBe("hello-ok");
    client.stop();
  });

  it("wake(): drops the connection and reconnects at once with a new generation; a network change keeps the healthy link", async () => {
    const sup = supervise({ target: target("gw", configFor("gw", sshd, [`IdentityFile ${sshd.key}`])) });
    await sup.start();
    const a = await waitForSnapshot(sup, phase("forwarding"), 20_000);
    sup.wake();
    expect(sup.snapshot.phase).toBe("connecting");
    expect(sup.snapshot.generation).toBe(a.generation + 1);
    const b = await waitForSnapshot(sup, phase("forwarding"), 20_000);
    expect(b.generation).toBe(a.generation + 1);
    // A network change only probes: the SSH ping is answered within the grace (2 s), so the link stays.
    sup.networkChanged();
    await expect(waitForSnapshot(sup, (s) => s.phase !== "forwarding" || s.generation !== b.generation, 3_000)).rejects.toThrow(/timed out/);
  });
});
