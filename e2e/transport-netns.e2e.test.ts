// Link failure in a real network namespace: the SSH host lives in its own namespace behind a veth, and
// the link is blackholed with nftables (silent drop, no RST). With DEFAULT supervisor settings the
// tunnel must notice within 10 s, keep retrying while the link is dead, and be forwarding again within
// 1 s of the first attempt after the link is restored. An echo server on the lab host's 127.0.0.1:18789
// (the default remote port) shows the forward really carries data before and after.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveSshTarget } from "../src-main/core/transport/ssh-target.js";
import { TunnelSupervisor } from "../src-main/core/transport/tunnel-supervisor.js";
import { NetnsLab } from "./harness/netns-lab.js";
import { TestSshd } from "./harness/sshd.js";
import { phase, recordSnapshots, waitForSnapshot } from "./harness/tunnel-wait.js";

const lab = new NetnsLab();
let sshd: TestSshd;
let tmp: string;

function echoThrough(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = net.connect(port, "127.0.0.1");
    let got = "";
    const timer = setTimeout(() => {
      c.destroy();
      reject(new Error(`no echo within 5 s (got "${got}")`));
    }, 5_000);
    c.on("connect", () => c.write(text));
    c.on("data", (d) => {
      got += d.toString();
      if (got === text) {
        clearTimeout(timer);
        c.end();
        resolve(got);
      }
    });
    c.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-netns-"));
  lab.up();
  sshd = await new TestSshd({ netns: lab.ns, listen: lab.labAddr, port: 2222 }).start();
  // The "gateway" on the lab host: a TCP echo on its loopback, where the tunnel's remote side points.
  const echo = lab.spawn([process.execPath, "-e", "require('net').createServer(s=>s.pipe(s)).listen(18789,'127.0.0.1',()=>console.log('READY'))"]);
  await new Promise<void>((resolve, reject) => {
    echo.stdout!.on("data", (d: Buffer) => d.toString().includes("READY") && resolve());
    echo.once("exit", (c) => reject(new Error(`echo server exited (${c})`)));
  });
}, 30_000);

afterAll(async () => {
  await sshd?.dispose();
  lab.down();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("SSH tunnel over a link that goes dark", () => {
  it("blackhole: reconnecting within 10 s (default settings); restored: forwarding within 1 s of the next attempt", async () => {
    const config = ["Host labhost", `  HostName ${lab.labAddr}`, "  Port 2222", `  User ${sshd.user}`, `  IdentityFile ${sshd.key}`, ""].join("\n");
    const r = resolveSshTarget("labhost", { configText: config, homeDir: tmp, env: {} });
    if (!r.ok) throw new Error(r.attention.message);
    // Only what a test must set: where the host keys are, and no ambient agent. Every interval is default.
    const sup = new TunnelSupervisor({
      target: r.target,
      knownHostsFiles: [sshd.knownHosts],
      appKnownHostsFile: path.join(tmp, "app_known_hosts"),
      auth: { env: {}, homeDir: tmp },
    });
    const rec = recordSnapshots(sup);
    try {
      await sup.start();
      const up = await waitForSnapshot(sup, phase("forwarding"), 20_000);
      expect(await echoThrough(up.localPort!, "before")).toBe("before");

      const cutAt = Date.now();
      lab.blackhole();
      const lost = await waitForSnapshot(sup, phase("reconnecting"), 10_000, "reconnecting after the blackhole");
      const noticedMs = Date.now() - cutAt;
      console.log(`[netns] blackhole noticed after ${noticedMs} ms (${lost.attention?.reason}: ${lost.attention?.message})`);
      expect(noticedMs).toBeLessThan(10_000);
      expect(lost.attention?.reason).toBe("ssh-link-lost");

      // While dark, an attempt must fail too (proves the link is really cut, not just the old session).
      const failedWhileDark = await waitForSnapshot(sup, (s) => s.phase === "reconnecting" && s.attempt >= 2, 30_000, "an attempt to fail while blackholed");
      expect(failedWhileDark.attention?.reason).toMatch(/ssh-timeout|ssh-link-lost/);

      lab.restore();
      const restoredAt = Date.now();
      const back = await waitForSnapshot(sup, phase("forwarding"), 30_000, "forwarding after restore");
      // The attempt that succeeded is the one that began last; it began after the restore (we restored
      // while waiting between attempts), so this measures restore → working within that attempt.
      const lastDial = [...rec.list].reverse().find((x) => x.s.phase === "connecting" && x.s.generation === back.generation)!;
      expect(lastDial.at).toBeGreaterThanOrEqual(restoredAt);
      const tookMs = rec.list.find((x) => x.s === back)!.at - lastDial.at;
      console.log(`[netns] forwarding again ${tookMs} ms after the next attempt began (${lastDial.at - restoredAt} ms after restore)`);
      expect(tookMs).toBeLessThan(1_000);
      expect(back.localPort).toBe(up.localPort); // the listener never moved
      expect(await echoThrough(back.localPort!, "after")).toBe("after");
    } finally {
      rec.stop();
      await sup.stop();
    }
  });

  it("reportLinkSuspect(): an outside hint (the session's WebSocket ping failed) is confirmed by an SSH ping within the grace", async () => {
    const config = ["Host labhost", `  HostName ${lab.labAddr}`, "  Port 2222", `  User ${sshd.user}`, `  IdentityFile ${sshd.key}`, ""].join("\n");
    const r = resolveSshTarget("labhost", { configText: config, homeDir: tmp, env: {} });
    if (!r.ok) throw new Error(r.attention.message);
    // Our own probe is switched off here so only the outside hint can notice the cut.
    const sup = new TunnelSupervisor({ target: r.target, knownHostsFiles: [sshd.knownHosts], appKnownHostsFile: path.join(tmp, "app_known_hosts"), auth: { env: {}, homeDir: tmp }, livenessIntervalMs: 0 });
    try {
      await sup.start();
      await waitForSnapshot(sup, phase("forwarding"), 20_000);
      // On a healthy link the hint is answered and nothing changes.
      sup.reportLinkSuspect();
      await expect(waitForSnapshot(sup, phase("reconnecting"), 3_000)).rejects.toThrow(/timed out/);
      expect(sup.snapshot.phase).toBe("forwarding");
      lab.blackhole();
      const t0 = Date.now();
      sup.reportLinkSuspect();
      const s = await waitForSnapshot(sup, phase("reconnecting"), 5_000);
      console.log(`[netns] suspect confirmed dead after ${Date.now() - t0} ms`);
      expect(s.attention?.reason).toBe("ssh-link-lost");
    } finally {
      lab.restore();
      await sup.stop();
    }
  });
});
