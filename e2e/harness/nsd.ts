// A real authoritative DNS server for the wide-area DNS-SD tests: NSD (NLnet Labs, Debian package `nsd`,
// installed by scripts/install-system-deps.sh) serving one zone file on 127.0.0.1:<free port>, in the
// foreground, with its own config, state and log in a temp dir (no system service, no root paths). The
// zone file is the one the real gateway writes (discovery.wideArea.domain → <state>/dns/<domain>.db), so
// what Clawlink reads is what the gateway published. reload() re-reads the zone (SIGHUP) after the
// gateway rewrites it.
import { spawn, type ChildProcess } from "node:child_process";
import dns from "node:dns";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port.js";

export const NSD_BIN = "/usr/sbin/nsd";

export interface Nsd {
  /** `127.0.0.1:PORT` for node:dns / `clawlink discover --dns-server`. */
  server: string;
  reload(): Promise<void>;
  log(): string;
  stop(): Promise<void>;
}

/** The zone's SOA serial as NSD serves it (to wait for a reload to take effect). */
export async function servedSerial(server: string, domain: string): Promise<number | null> {
  const r = new dns.promises.Resolver({ timeout: 500, tries: 1 });
  r.setServers([server]);
  return r.resolveSoa(domain).then((s) => s.serial, () => null);
}

export async function startNsd(domain: string, zoneFile: string): Promise<Nsd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-nsd-"));
  const port = await freePort();
  const conf = path.join(dir, "nsd.conf");
  fs.writeFileSync(conf, [
    "server:",
    `  ip-address: 127.0.0.1@${port}`,
    "  do-ip6: no",
    `  zonesdir: "${dir}"`,
    `  zonelistfile: "${dir}/zone.list"`,
    `  xfrdfile: "${dir}/xfrd.state"`,
    `  xfrdir: "${dir}"`,
    `  pidfile: "${dir}/nsd.pid"`,
    `  logfile: "${dir}/nsd.log"`,
    '  database: ""',
    '  username: ""',
    '  chroot: ""',
    "  server-count: 1",
    "  verbosity: 1",
    "  hide-version: yes",
    "remote-control:",
    "  control-enable: no",
    "zone:",
    `  name: "${domain}"`,
    `  zonefile: "${zoneFile}"`,
    "",
  ].join("\n"));
  const proc: ChildProcess = spawn(NSD_BIN, ["-d", "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const server = `127.0.0.1:${port}`;
  const log = () => `${out}${fs.existsSync(path.join(dir, "nsd.log")) ? fs.readFileSync(path.join(dir, "nsd.log"), "utf8") : ""}`;
  const end = Date.now() + 10_000;
  while ((await servedSerial(server, domain)) === null) {
    if (proc.exitCode !== null || Date.now() > end) {
      proc.kill("SIGKILL");
      throw new Error(`nsd did not serve ${domain} on ${server}: ${log().slice(-1500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    server,
    log,
    async reload() {
      proc.kill("SIGHUP");
    },
    async stop() {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
