import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listenerOwner, parseLsof, parseNetstat, parseProcNetTcp } from "./listener-owner.js";

// Real /proc/net/tcp and tcp6 lines (Linux 6.x): a listener on 127.0.0.1:18789 (0x4965), one on
// 0.0.0.0:18790, one on 10.0.0.5:18789 (not loopback), and an established connection on 18789.
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 30438 1 00000000ac811dc8 100 0 0 10 0
   1: 00000000:4966 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 36212 1 000000007208d685 100 0 0 10 0
   2: 0500000A:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 30421 1 00000000bcde97e9 100 0 0 10 0
   3: 0100007F:4965 0100007F:B08B 01 00000000:00000000 00:00000000 00000000  1000        0 33661 1 0000000088c1f217 20 4 30 10 -1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:4965 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 30439 1 0000000000000000 100 0 0 10 0
`;

describe("listener owner: parsers", () => {
  it("/proc/net/tcp: only listening sockets on the port that answer 127.0.0.1", () => {
    expect(parseProcNetTcp(TCP, 18789)).toEqual([{ inode: "30438", uid: 1000 }]);
    expect(parseProcNetTcp(TCP, 18790)).toEqual([{ inode: "36212", uid: 0 }]);
    expect(parseProcNetTcp(TCP6, 18789)).toEqual([{ inode: "30439", uid: 1000 }]);
    expect(parseProcNetTcp(TCP, 18791)).toEqual([]);
  });

  it("lsof -Fpc (macOS): pids and the command name", () => {
    expect(parseLsof("p4242\ncnode\nf12\np4243\ncnode\n")).toEqual({ pids: [4242, 4243], argv: ["node"] });
    expect(parseLsof("")).toBeNull();
  });

  it("netstat -ano (Windows): the pid of a loopback or any-address listener on the port, IPv4 and IPv6", () => {
    const out = [
      "Active Connections",
      "  Proto  Local Address          Foreign Address        State           PID",
      "  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1000",
      "  TCP    127.0.0.1:18789        0.0.0.0:0              LISTENING       4242",
      "  TCP    127.0.0.1:18789        127.0.0.1:50000        ESTABLISHED     4242",
      "  TCP    [::1]:18789            [::]:0                 LISTENING       4242",
      "  TCP    192.168.1.5:18790      0.0.0.0:0              LISTENING       7",
    ].join("\r\n");
    expect(parseNetstat(out, 18789)).toEqual({ pids: [4242], argv: [] });
    expect(parseNetstat(out, 18790)).toBeNull();
  });
});

describe("listener owner: Linux /proc", () => {
  const dirs: string[] = [];
  const servers: net.Server[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it("maps the socket inode to the process holding it (a /proc laid out as the kernel does)", async () => {
    const proc = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-proc-"));
    dirs.push(proc);
    fs.mkdirSync(path.join(proc, "net"));
    fs.writeFileSync(path.join(proc, "net/tcp"), TCP);
    for (const [pid, inode, argv] of [["4242", "30438", "openclaw-gateway\0"], ["77", "99999", "sshd\0"]] as const) {
      fs.mkdirSync(path.join(proc, pid, "fd"), { recursive: true });
      fs.symlinkSync(`socket:[${inode}]`, path.join(proc, pid, "fd", "3"));
      fs.writeFileSync(path.join(proc, pid, "cmdline"), argv);
    }
    expect(await listenerOwner(18789, { platform: "linux", proc })).toEqual({ pids: [4242], argv: ["openclaw-gateway"], uid: 1000 });
    expect(await listenerOwner(18791, { platform: "linux", proc })).toBeNull();
  });

  it.runIf(process.platform === "linux")("on the real /proc, finds this test process behind a port it listens on", async () => {
    const srv = net.createServer();
    servers.push(srv);
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    const owner = await listenerOwner(port);
    expect(owner?.pids).toEqual([process.pid]);
  });
});
