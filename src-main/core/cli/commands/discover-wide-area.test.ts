// `clawlink discover --domain D --dns-server IP:PORT`: wide-area DNS-SD records merged into the same
// output as the LAN beacons, with their source named; real node:dns against a tiny loopback server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { announce, FakeMdns } from "../../discovery/testing/fake-mdns.js";
import { startTinyDns, type Rr, type TinyDns } from "../../discovery/testing/tiny-dns.js";
import { TAILSCALE_NOT_FOUND } from "../../discovery/tailscale-runner.js";
import { UsageError } from "../args.js";
import type { CliIO } from "../context.js";
import { discoverCommand } from "./discover.js";

const SVC = "_openclaw-gw._tcp.openclaw.internal";
let ZONE: Rr[] = [];
const FAR: Rr[] = [
  { type: "PTR", name: SVC, target: `far-gateway.${SVC}` },
  { type: "SRV", name: `far-gateway.${SVC}`, port: 18789, target: "far.openclaw.internal" },
  { type: "TXT", name: `far-gateway.${SVC}`, strings: ["displayName=Far", "role=gateway", "gatewayTls=1"] },
  { type: "A", name: "far.openclaw.internal", address: "100.64.0.9" },
];

let dns: TinyDns;
let configDir: string;
let mdns: FakeMdns;
let out: string[];
let err: string[];
// The app's list (discovery.json) lives in a fresh config dir per test, never the real one.
const io = (env: Record<string, string> = {}): CliIO => ({ stdout: (l) => out.push(l), stderr: (l) => err.push(l), write: () => undefined, readStdin: async () => "", env: { CLAWLINK_CONFIG_DIR: configDir, ...env } });
const deps = () => ({ open: mdns.open, lookUpTailscale: async () => TAILSCALE_NOT_FOUND });

beforeEach(async () => {
  ZONE = FAR;
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-discover-wide-"));
  dns = await startTinyDns((n, t) => {
    const hit = ZONE.filter((r) => r.name === n && r.type === t);
    return hit.length || ZONE.some((r) => r.name === n) ? hit : "nxdomain";
  });
  mdns = new FakeMdns();
  out = [];
  err = [];
});
afterEach(() => {
  dns.close();
  fs.rmSync(configDir, { recursive: true, force: true });
});

describe("clawlink discover --domain", () => {
  it("--json: the LAN beacon first, then the domain's gateway marked wide-area with its domain", async () => {
    const run = discoverCommand(["--json", "--timeout", "1", "--domain", "openclaw.internal", "--dns-server", dns.server], io(), deps());
    mdns.send(announce("Desk", 18789));
    expect(await run).toBe(0);
    const list = JSON.parse(out[0]!) as Array<{ source: string; domain?: string; host: string; suggested: { target: string } }>;
    expect(list.map((g) => `${g.source}:${g.host}`)).toEqual(["mdns:desk.local", "wide-area:far.openclaw.internal"]);
    expect(list[1]).toMatchObject({ domain: "openclaw.internal", suggested: { target: "wss://far.openclaw.internal:18789" } });
  });

  it("the table lists it under its domain's heading; OPENCLAW_WIDE_AREA_DOMAIN is the default domain", async () => {
    expect(await discoverCommand(["--timeout", "1", "--dns-server", dns.server, "--domain", "openclaw.internal"], io(), deps())).toBe(0);
    expect(out.join("\n")).toMatch(/Published in openclaw\.internal \(wide-area DNS-SD\):\nNAME.*\nFar\s+far\.openclaw\.internal:18789\s+yes\s+wss:\/\/far\.openclaw\.internal:18789/);
    out = [];
    // No --domain: the environment's; --dns-server without any domain is a usage error.
    expect(await discoverCommand(["--json", "--timeout", "1", "--dns-server", dns.server], io({ OPENCLAW_WIDE_AREA_DOMAIN: "openclaw.internal" }), deps())).toBe(0);
    expect((JSON.parse(out[0]!) as Array<{ host: string }>).map((g) => g.host)).toEqual(["far.openclaw.internal"]);
    await expect(discoverCommand(["--json", "--dns-server", dns.server], io(), deps())).rejects.toThrow(UsageError);
    expect(await discoverCommand(["--json", "--timeout", "1"], io({ OPENCLAW_WIDE_AREA_DOMAIN: "not_a domain" }), deps())).toBe(0);
    expect(err.join("\n")).toContain("OPENCLAW_WIDE_AREA_DOMAIN:");
  });

  it("a domain that does not exist is one stderr line naming it; exit 0 and the rest still listed", async () => {
    const run = discoverCommand(["--json", "--timeout", "1", "--dns-server", dns.server, "--domain", "nothing.example", "--domain", "openclaw.internal"], io(), deps());
    expect(await run).toBe(0);
    expect((JSON.parse(out[0]!) as unknown[]).length).toBe(1);
    expect(err.filter((l) => l.includes("nothing.example: _openclaw-gw._tcp.nothing.example does not exist (NXDOMAIN)"))).toHaveLength(1);
  });

  it("--watch prints the domain's gateway as an up line", async () => {
    expect(await discoverCommand(["--watch", "--json", "--timeout", "1", "--dns-server", dns.server, "--domain", "openclaw.internal"], io(), deps())).toBe(0);
    expect(out.map((l) => (JSON.parse(l) as { change: string; source: string }))).toEqual([expect.objectContaining({ change: "up", source: "wide-area" })]);
  });

  it("bad --domain and --dns-server values are usage errors that say what is expected", async () => {
    await expect(discoverCommand(["--domain", "local"], io(), deps())).rejects.toThrow(/multicast DNS/);
    await expect(discoverCommand(["--domain", "a..b"], io(), deps())).rejects.toThrow(/not a DNS domain/);
    await expect(discoverCommand(["--domain", "x.example", "--dns-server", "ns1.example"], io(), deps())).rejects.toThrow(/IP address with an optional port/);
  });

  it("--watch looks the domain up again and prints a down line when the record leaves the zone", async () => {
    const run = discoverCommand(["--watch", "--timeout", "2", "--dns-server", dns.server, "--domain", "openclaw.internal"], io(), { ...deps(), wideAreaIntervalMs: 100 });
    const end = Date.now() + 1500;
    while (!out.some((l) => l.startsWith("+ Far")) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    ZONE = [];
    expect(await run).toBe(0);
    expect(out.filter((l) => /^[+~-] /.test(l)).map((l) => l.split("  ")[0])).toEqual(["+ Far", "- Far"]);
  });
});

describe("clawlink discover --add-domain / --remove-domain", () => {
  const file = () => path.join(configDir, "discovery.json");

  it("adds the domain with its DNS server to the app's list; a plain discover then looks it up there; --remove-domain takes it out", async () => {
    expect(await discoverCommand(["--add-domain", "OpenClaw.Internal", "--dns-server", dns.server], io(), deps())).toBe(0);
    expect(out).toEqual([`openclaw.internal  asking ${dns.server}`]);
    expect(err).toEqual([`clawlink discover: added openclaw.internal (asking ${dns.server}) (${file()})`]);
    expect(JSON.parse(fs.readFileSync(file(), "utf8"))).toEqual({ version: 1, wideAreaDomains: ["openclaw.internal"], domainDnsServers: { "openclaw.internal": dns.server } });
    out = [];
    expect(await discoverCommand(["--json", "--timeout", "1"], io(), deps())).toBe(0);
    expect((JSON.parse(out[0]!) as Array<{ source: string; host: string }>).map((g) => `${g.source}:${g.host}`)).toEqual(["wide-area:far.openclaw.internal"]);
    out = [];
    expect(await discoverCommand(["--remove-domain", "openclaw.internal", "--json"], io({ OPENCLAW_WIDE_AREA_DOMAIN: "env.example" }), deps())).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ changes: ["removed openclaw.internal"], domains: [{ domain: "env.example", from: "environment" }] });
  });

  it("a refusal names the field, exits 2 and writes nothing; a malformed file is kept and the message says what to do", async () => {
    expect(await discoverCommand(["--add-domain", "lab.example", "--dns-server", "ns1.example"], io(), deps())).toBe(2);
    expect(err.at(-1)).toMatch(/^clawlink discover: DNS server: "ns1\.example" takes an IP address/);
    expect(fs.existsSync(file())).toBe(false);
    expect(await discoverCommand(["--remove-domain", "env.example"], io({ OPENCLAW_WIDE_AREA_DOMAIN: "env.example" }), deps())).toBe(2);
    expect(err.at(-1)).toMatch(/Domain: env\.example comes from the environment .* Unset OPENCLAW_WIDE_AREA_DOMAIN/);
    fs.writeFileSync(file(), "{ half");
    expect(await discoverCommand(["--add-domain", "lab.example"], io(), deps())).toBe(2);
    expect(err.at(-1)).toMatch(/discovery\.json was not changed: it is not JSON .*Fix the file or move it aside/);
    expect(fs.readFileSync(file(), "utf8")).toBe("{ half");
  });
});
