// Issue 13 §1: `clawlink discover` (the real binary) finds the real gateway's own Bonjour beacon (the
// bundled bonjour plugin, @homebridge/ciao) over real multicast DNS on this namespace's loopback: within
// 3 s, with the right port; a second real gateway appears in a running browse when it starts and leaves
// on its goodbye when it stops; garbage packets, a beacon with malformed TXT and a flood of 1,000 fake
// announcements sent to 224.0.0.251:5353 crash nothing and the list stays capped.
// Multicast on loopback needs nothing here: `ip link set lo up` (sandbox.sh) is enough for the kernel to
// loop 224.0.0.251 back to every socket that joined it on lo (no MULTICAST flag, no route needed).
import dgram from "node:dgram";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanupCliRuns, runCli } from "./harness/cli-run.js";
import { TestGateway } from "./harness/gateway.js";

interface Candidate {
  name: string;
  host: string;
  port: number;
  tls: boolean;
  txt: Record<string, unknown>;
  suggested: { kind: string; target: string; remotePort?: number };
}
type Change = Candidate & { change: "up" | "update" | "down" };
const parse = <T>(l: string): T | null => {
  try {
    return JSON.parse(l) as T;
  } catch {
    return null;
  }
};
const changeOf = (l: string, kind: Change["change"], port: number) => parse<Change>(l)?.change === kind && parse<Change>(l)?.port === port;

// ---- a hand-made mDNS response (RFC 1035 wire format, no name compression), for the bad-input cases ----
const dnsName = (n: string) => Buffer.concat([...n.split(".").map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])), Buffer.from([0])]);
function rr(name: string, type: number, ttl: number, rdata: Buffer): Buffer {
  const h = Buffer.alloc(10);
  h.writeUInt16BE(type, 0);
  h.writeUInt16BE(1, 2); // class IN
  h.writeUInt32BE(ttl, 4);
  h.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([dnsName(name), h, rdata]);
}
/** PTR + SRV + TXT (each string given as raw bytes) + A, in one unsolicited response. */
function beacon(instance: string, host: string, port: number, txt: Buffer[]): Buffer {
  const fqdn = `${instance}._openclaw-gw._tcp.local`;
  const srv = Buffer.alloc(6);
  srv.writeUInt16BE(port, 4);
  const records = [
    rr("_openclaw-gw._tcp.local", 12, 120, dnsName(fqdn)),
    rr(fqdn, 33, 120, Buffer.concat([srv, dnsName(host)])),
    rr(fqdn, 16, 120, Buffer.concat(txt.map((t) => Buffer.concat([Buffer.from([t.length]), t])))),
    rr(host, 1, 120, Buffer.from([127, 0, 0, 1])),
  ];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(0x8400, 2); // response, authoritative
  header.writeUInt16BE(records.length, 6);
  return Buffer.concat([header, ...records]);
}

async function multicastSender(): Promise<{ send: (b: Buffer) => Promise<void>; close: () => void }> {
  const s = dgram.createSocket({ type: "udp4", reuseAddr: true });
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
  s.setMulticastInterface("127.0.0.1");
  return {
    send: (b) => new Promise<void>((res, rej) => s.send(b, 5353, "224.0.0.251", (e) => (e ? rej(e) : res()))),
    close: () => s.close(),
  };
}

const gwA = new TestGateway({ mdns: { mode: "minimal", hostname: "clawgw-a" } });

beforeAll(async () => {
  await gwA.start();
}, 180_000);
afterAll(async () => {
  cleanupCliRuns();
  await gwA.stop();
});

describe("clawlink discover (real gateway beacon over real mDNS)", () => {
  it("--json --timeout 3 lists the gateway with its port, .local host, TXT and an SSH suggestion (it binds loopback)", async () => {
    const t0 = Date.now();
    const run = runCli(["discover", "--json", "--timeout", "3"]);
    const { code } = await run.exit;
    expect(code, run.stderr.join("\n")).toBe(0);
    expect(Date.now() - t0).toBeLessThan(3000 + 5000); // 3 s of listening + the CLI's start
    const list = JSON.parse(run.lines.join("")) as Candidate[];
    const a = list.find((g) => g.port === gwA.port);
    expect(a, JSON.stringify(list)).toBeDefined();
    expect(a).toMatchObject({
      host: "clawgw-a.local",
      tls: false,
      txt: { role: "gateway", transport: "gateway", gatewayPort: gwA.port, lanHost: "clawgw-a.local" },
      suggested: { kind: "ssh", target: "ssh://clawgw-a.local", remotePort: gwA.port },
    });
  });

  it("--watch: listed within 3 s of starting; a second gateway appears when it starts and leaves on its goodbye when it stops", async () => {
    const t0 = Date.now();
    const run = runCli(["discover", "--watch", "--json"]);
    await run.waitLine((l) => changeOf(l, "up", gwA.port), 3000, "gateway A listed within 3 s");
    console.log(`[discovery] gateway A listed ${Date.now() - t0} ms after the CLI was spawned`);

    const gwB = new TestGateway({ mdns: { mode: "full", hostname: "clawgw-b" } });
    try {
      await gwB.start();
      const ready = Date.now();
      const up = await run.waitLine((l) => changeOf(l, "up", gwB.port), 10_000, "gateway B up");
      console.log(`[discovery] gateway B listed ${Date.now() - ready} ms after its first handshake (0: it was listed already)`);
      // Full mode adds sshPort (22 by default) to the TXT record; the instance name is ciao's to make unique.
      expect(parse<Change>(up)).toMatchObject({ host: "clawgw-b.local", txt: { sshPort: 22, gatewayPort: gwB.port } });
      const stopAt = Date.now();
      await gwB.signal("SIGTERM");
      await run.waitLine((l) => changeOf(l, "down", gwB.port), 3000, "gateway B down within 3 s of SIGTERM");
      console.log(`[discovery] gateway B gone ${Date.now() - stopAt} ms after SIGTERM`);
    } finally {
      await gwB.stop();
    }
    expect(run.lines.some((l) => changeOf(l, "down", gwA.port))).toBe(false);
    run.child.kill("SIGTERM");
    expect((await run.exit).code).toBe(0);
  });

  it("garbage packets, malformed TXT and a flood of 1,000 fake announcements: no crash, the list capped at 200, gateway A kept", async () => {
    const run = runCli(["discover", "--watch", "--json"]);
    await run.waitLine((l) => changeOf(l, "up", gwA.port), 5000, "gateway A listed");
    const tx = await multicastSender();
    try {
      for (let i = 0; i < 20; i++) await tx.send(Buffer.from(Array.from({ length: 40 + i }, (_, j) => (j * 37 + i) & 255)));
      const badTxt = [Buffer.from([0xff, 0xfe, 0x00]), Buffer.from("gatewayPort=notaport"), Buffer.from("=orphan"), Buffer.from("displayName=Bad\u001b[2J TXT"), Buffer.from("gatewayTls")];
      await tx.send(beacon("Malformed TXT", "malformed.local", 40001, badTxt));
      const bad = parse<Change>(await run.waitLine((l) => changeOf(l, "up", 40001), 5000, "the malformed-TXT beacon"))!;
      expect(bad).toMatchObject({ name: "Bad[2J TXT", host: "malformed.local", tls: true, txt: { displayName: "Bad[2J TXT", gatewayTls: true } });
      expect(bad.txt).not.toHaveProperty("gatewayPort");
      for (let i = 0; i < 1000; i++) await tx.send(beacon(`fake-${i}`, `fake-${i}.local`, 41000 + i, [Buffer.from(`displayName=fake ${i}`)]));
      await run.waitLine(() => run.lines.length >= 200, 10_000, "200 gateways listed");
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      tx.close();
    }
    const ups = run.lines.map((l) => parse<Change>(l)).filter((c) => c?.change === "up");
    expect(ups.length).toBe(200);
    expect(run.lines.some((l) => changeOf(l, "down", gwA.port))).toBe(false);
    expect(run.child.exitCode).toBeNull(); // still running
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${run.child.pid}/status`, "utf8"))?.[1]);
    console.log(`[discovery] CLI RSS after the flood: ${Math.round(rssKb / 1024)} MB`);
    expect(rssKb).toBeLessThan(300 * 1024);
    run.child.kill("SIGTERM");
    expect((await run.exit).code).toBe(0);
    expect(run.stderr.join("\n")).toMatch(/announcements were left out: the list is capped at 200/);
  });
});
