// Where wide-area domains come from (discovery.json, OPENCLAW_WIDE_AREA_DOMAIN) and how the sources'
// lists are merged (order, one entry per id, the view's cap).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DiscoveredGateway } from "../../../src-shared/discovery.js";
import { envDomains, MAX_VIEW, mergeDiscovered, readWideAreaConfig } from "./wide-area-config.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function cfgDir(file?: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-wide-cfg-"));
  dirs.push(d);
  if (file !== undefined) fs.writeFileSync(path.join(d, "discovery.json"), file);
  return d;
}

const g = (id: string, source: DiscoveredGateway["source"]): DiscoveredGateway => ({
  id, source, name: id, instance: id, host: `${id}.example`, port: 18789, addresses: [], tls: false, txt: {},
  suggested: { kind: "ssh", target: `ssh://${id}.example`, remotePort: 18789, why: "" }, lastSeen: 0,
});

describe("wide-area settings", () => {
  it("the file's domains, then the environment's, lowercased and without duplicates; its servers", async () => {
    const d = cfgDir(JSON.stringify({ version: 1, wideAreaDomains: ["OpenClaw.Internal."], dnsServers: ["100.100.100.100"] }));
    expect(await readWideAreaConfig(d, { OPENCLAW_WIDE_AREA_DOMAIN: "openclaw.internal, lab.example" })).toEqual({ domains: ["openclaw.internal", "lab.example"], servers: ["100.100.100.100"], domainServers: {}, warning: null });
  });

  it("no file: the environment only, and no warning", async () => {
    expect(await readWideAreaConfig(cfgDir(), { OPENCLAW_WIDE_AREA_DOMAIN: "lab.example" })).toEqual({ domains: ["lab.example"], servers: [], domainServers: {}, warning: null });
    expect(envDomains({})).toEqual([]);
  });

  it("a file that is not JSON or not ours is ignored with a sentence naming it and what to do", async () => {
    expect((await readWideAreaConfig(cfgDir("{ nope"), {})).warning).toMatch(/discovery\.json was ignored: it is not JSON\. Fix it or move it aside/);
    expect((await readWideAreaConfig(cfgDir(JSON.stringify({ version: 1, wideAreaDomains: "x" })), {})).warning).toMatch(/discovery\.json was ignored: it is not \{"version":1.*wideAreaDomains/);
    expect((await readWideAreaConfig(cfgDir(JSON.stringify({ version: 2 })), {})).warning).toMatch(/discovery\.json was ignored: it was written by a newer Clawlink \(version 2\)/);
  });

  it("a domain's own DNS server (domainDnsServers) is read with the domain, lowercased", async () => {
    const d = cfgDir(JSON.stringify({ version: 1, wideAreaDomains: ["a.example"], domainDnsServers: { "A.Example": "127.0.0.1:5300" } }));
    expect((await readWideAreaConfig(d, {})).domainServers).toEqual({ "a.example": "127.0.0.1:5300" });
  });
});

describe("mergeDiscovered", () => {
  it("keeps the sources' order, one entry per id (the first), and counts what the cap left out", () => {
    const m = mergeDiscovered([g("a", "mdns")], [g("b", "wide-area"), g("a", "wide-area")], [g("c", "tailscale")]);
    expect(m.gateways.map((x) => `${x.source}:${x.id}`)).toEqual(["mdns:a", "wide-area:b", "tailscale:c"]);
    const many = Array.from({ length: MAX_VIEW + 5 }, (_, i) => g(`w${i}`, "wide-area"));
    const capped = mergeDiscovered([g("lan", "mdns")], many);
    expect(capped.gateways).toHaveLength(MAX_VIEW);
    expect(capped.gateways[0]!.id).toBe("lan");
    expect(capped.leftOut).toBe(6);
  });
});
