// discovery.json edits (the settings form's and `clawlink discover --add-domain`'s core): what the file
// holds after each change, that fields this version does not know survive, that a malformed file is
// kept byte for byte with a refusal saying what to do, and the view's "from the environment" entries.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseDnsServer, WideAreaEditRefusal, type WideAreaEdit } from "../../../src-shared/wide-area-settings.js";
import { editDiscoverySettings, wideAreaSettings } from "./wide-area-settings-file.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function cfgDir(file?: string): { dir: string; file: string; read: () => unknown } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-wide-edit-"));
  dirs.push(dir);
  const f = path.join(dir, "discovery.json");
  if (file !== undefined) fs.writeFileSync(f, file);
  return { dir, file: f, read: () => JSON.parse(fs.readFileSync(f, "utf8")) };
}
const refused = (p: Promise<unknown>) => p.then(() => "accepted", (e: unknown) => (e instanceof WideAreaEditRefusal ? e.message : `not a refusal: ${String(e)}`));

describe("editDiscoverySettings", () => {
  it("no file: an add starts one; its DNS server is kept for that domain; a remove takes both out", async () => {
    const c = cfgDir();
    const r = await editDiscoverySettings(c.dir, { add: { domain: "openclaw.internal", dnsServer: "127.0.0.1:5300" } }, {});
    expect(r.changes).toEqual(["added openclaw.internal (asking 127.0.0.1:5300)"]);
    expect(c.read()).toEqual({ version: 1, wideAreaDomains: ["openclaw.internal"], domainDnsServers: { "openclaw.internal": "127.0.0.1:5300" } });
    expect(r.domains).toEqual([{ domain: "openclaw.internal", dnsServer: "127.0.0.1:5300", from: "settings" }]);
    await editDiscoverySettings(c.dir, { add: { domain: "lab.example" } }, {});
    const gone = await editDiscoverySettings(c.dir, { remove: "openclaw.internal" }, {});
    expect(c.read()).toEqual({ version: 1, wideAreaDomains: ["lab.example"], domainDnsServers: {} });
    expect(gone.domains.map((d) => d.domain)).toEqual(["lab.example"]);
    // Written whole through a temp file in the same folder: nothing else is left there.
    expect(fs.readdirSync(c.dir)).toEqual(["discovery.json"]);
  });

  it("fields it does not know, and their order, stay as they were", async () => {
    const c = cfgDir(JSON.stringify({ version: 1, note: "set by hand", wideAreaDomains: ["a.example"], dnsServers: ["100.100.100.100"], future: { x: [1, 2] } }));
    await editDiscoverySettings(c.dir, { add: { domain: "b.example" } }, {});
    expect(c.read()).toEqual({ version: 1, note: "set by hand", wideAreaDomains: ["a.example", "b.example"], dnsServers: ["100.100.100.100"], future: { x: [1, 2] } });
    expect(Object.keys(c.read() as object)).toEqual(["version", "note", "wideAreaDomains", "dnsServers", "future"]);
  });

  it("a file that is not JSON, not of this shape or from a newer version is kept as it is; the refusal says what to do", async () => {
    for (const text of ["{ nope", JSON.stringify({ version: 1, wideAreaDomains: "a.example" }), JSON.stringify({ version: 2, wideAreaDomains: [] })]) {
      const c = cfgDir(text);
      const m = await refused(editDiscoverySettings(c.dir, { add: { domain: "b.example" } }, {}));
      expect(m).toMatch(/discovery\.json was not changed: (it is not JSON|it is not \{"version":1|it was written by a newer Clawlink \(version 2\)).*\(nothing was written\)\.$/);
      expect(fs.readFileSync(c.file, "utf8")).toBe(text);
      expect(fs.readdirSync(c.dir)).toEqual(["discovery.json"]);
      const view = await wideAreaSettings(c.dir, {});
      expect(view.problem).toMatch(/was ignored: .*Fix it or move it aside/);
    }
    const e = await editDiscoverySettings(cfgDir("{ nope").dir, { remove: "a.example" }, {}).then(() => null, (x: unknown) => x as WideAreaEditRefusal);
    expect(e?.fixHint).toMatch(/Fix the file or move it aside/);
  });

  it("refusals name the Domain field and write nothing: already there, not there, from the environment, the ninth", async () => {
    const text = JSON.stringify({ version: 1, wideAreaDomains: ["a.example"] });
    const c = cfgDir(text);
    const env = { OPENCLAW_WIDE_AREA_DOMAIN: "env.example" };
    const tries: WideAreaEdit[] = [{ add: { domain: "a.example" } }, { remove: "b.example" }, { remove: "env.example" }];
    const ms = [];
    for (const t of tries) ms.push(await refused(editDiscoverySettings(c.dir, t, env)));
    expect(ms).toEqual([
      "Domain: a.example is already in the list (nothing was written)",
      "Domain: b.example is not in the list (nothing was written)",
      "Domain: env.example comes from the environment (OPENCLAW_WIDE_AREA_DOMAIN) and cannot be removed here (nothing was written)",
    ]);
    expect(fs.readFileSync(c.file, "utf8")).toBe(text);
    const full = cfgDir(JSON.stringify({ version: 1, wideAreaDomains: Array.from({ length: 8 }, (_, i) => `d${i}.example`) }));
    expect(await refused(editDiscoverySettings(full.dir, { add: { domain: "x.example" } }, {}))).toMatch(/^Domain: the list holds at most 8 domains/);
  });

  it("two changes at once both land (one after the other)", async () => {
    const c = cfgDir();
    await Promise.all([editDiscoverySettings(c.dir, { add: { domain: "a.example" } }, {}), editDiscoverySettings(c.dir, { add: { domain: "b.example" } }, {})]);
    expect((c.read() as { wideAreaDomains: string[] }).wideAreaDomains.sort()).toEqual(["a.example", "b.example"]);
  });
});

describe("wideAreaSettings", () => {
  it("the file's domains (with their own server), then the environment's not in the file, marked so", async () => {
    const c = cfgDir(JSON.stringify({ version: 1, wideAreaDomains: ["A.Example."], dnsServers: ["100.100.100.100"], domainDnsServers: { "a.example": "10.0.0.1" } }));
    expect(await wideAreaSettings(c.dir, { OPENCLAW_WIDE_AREA_DOMAIN: "a.example, env.example, not_a" })).toEqual({
      file: c.file,
      domains: [
        { domain: "a.example", dnsServer: "10.0.0.1", from: "settings" },
        { domain: "env.example", dnsServer: null, from: "environment" },
      ],
      dnsServers: ["100.100.100.100"],
      problem: null,
    });
  });
});

describe("parseDnsServer (shared, no node:net) agrees with node:net on addresses", () => {
  it("accepts exactly what net.isIP accepts, for a spread of forms", () => {
    const forms = ["::", "::1", "1::", "fe80::1", "2001:db8::8a2e:370:7334", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1", "1:", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3.04", "1.2.3", "g::1", "12345::"];
    for (const f of forms) expect(parseDnsServer(f) !== null, f).toBe(net.isIP(f) !== 0);
  });
});
