import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appendAppKnownHost } from "./app-known-hosts.js";
import { entryMatchesHost, knownHostsName, knownKeyTypesFor, parseKnownHosts, sshFingerprint, verifyHostKey } from "./known-hosts.js";

function sshString(...parts: Buffer[]): Buffer {
  return Buffer.concat(parts.flatMap((p) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(p.length);
    return [len, p];
  }));
}

function ed25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync("ed25519");
  return sshString(Buffer.from("ssh-ed25519"), publicKey.export({ format: "der", type: "spki" }).subarray(-32));
}

function ecdsaBlob(): Buffer {
  const { publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  // The uncompressed point (0x04 || X || Y) is the last 65 bytes of the SPKI DER.
  return sshString(Buffer.from("ecdsa-sha2-nistp256"), Buffer.from("nistp256"), publicKey.export({ format: "der", type: "spki" }).subarray(-65));
}

const line = (hosts: string, blob: Buffer) => `${hosts} ${blob.subarray(4, 4 + blob.readUInt32BE(0)).toString()} ${blob.toString("base64")}`;

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(name).digest("base64")}`;
}

describe("known_hosts", () => {
  const a = ed25519Blob();
  const b = ed25519Blob();
  const e = ecdsaBlob();

  it("fingerprints like OpenSSH: SHA256:<base64, no padding>", () => {
    expect(sshFingerprint(a)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it("names non-22 ports [host]:port", () => {
    expect(knownHostsName("Example.COM", 22)).toBe("example.com");
    expect(knownHostsName("10.0.0.1", 2222)).toBe("[10.0.0.1]:2222");
  });

  it("plain, [host]:port, several hosts per line, several key types", () => {
    const entries = parseKnownHosts([line("gw.example.com,10.0.0.1", a), line("[10.0.0.1]:2222", b), line("gw.example.com", e), "# comment", "", "garbage"].join("\n"));
    expect(entries).toHaveLength(3);
    expect(verifyHostKey(entries, "gw.example.com", 22, a).status).toBe("known");
    expect(verifyHostKey(entries, "gw.example.com", 22, e).status).toBe("known");
    expect(verifyHostKey(entries, "10.0.0.1", 22, a).status).toBe("known");
    expect(verifyHostKey(entries, "10.0.0.1", 2222, b).status).toBe("known");
    // Port matters: the port-22 entry does not vouch for port 2222 (and vice versa).
    expect(verifyHostKey(entries, "10.0.0.1", 2222, a).status).toBe("changed");
    expect(verifyHostKey(entries, "other.example.com", 22, a).status).toBe("unknown");
    expect(knownKeyTypesFor(entries, "gw.example.com", 22)).toEqual(["ssh-ed25519", "ecdsa-sha2-nistp256"]);
  });

  it("changed key lists what is on record with its source line", () => {
    const entries = parseKnownHosts(line("[h]:2200", a), "/home/u/.ssh/known_hosts");
    const v = verifyHostKey(entries, "h", 2200, b);
    expect(v.status).toBe("changed");
    if (v.status !== "changed") return;
    expect(v.fingerprint).toBe(sshFingerprint(b));
    expect(v.expected).toEqual([{ keyType: "ssh-ed25519", fingerprint: sshFingerprint(a), source: "/home/u/.ssh/known_hosts:1" }]);
  });

  it("a known host offering a different key type counts as changed, not as a fresh host", () => {
    const entries = parseKnownHosts(line("h", a));
    expect(verifyHostKey(entries, "h", 22, e).status).toBe("changed");
  });

  it("hashed |1| entries, for port 22 and [host]:port", () => {
    const entries = parseKnownHosts([line(hashed("gw.example.com"), a), line(hashed("[10.0.0.9]:2222"), b)].join("\n"));
    expect(verifyHostKey(entries, "gw.example.com", 22, a).status).toBe("known");
    expect(verifyHostKey(entries, "GW.example.com", 22, a).status).toBe("known");
    expect(verifyHostKey(entries, "10.0.0.9", 2222, b).status).toBe("known");
    expect(verifyHostKey(entries, "10.0.0.9", 22, b).status).toBe("unknown");
  });

  it("wildcards and negation", () => {
    expect(entryMatchesHost("*.example.com,!bad.example.com", "good.example.com", 22)).toBe(true);
    expect(entryMatchesHost("*.example.com,!bad.example.com", "bad.example.com", 22)).toBe(false);
    expect(entryMatchesHost("10.0.0.?", "10.0.0.7", 22)).toBe(true);
    expect(entryMatchesHost("10.0.0.?", "10.0.0.17", 22)).toBe(false);
  });

  it("@revoked refuses the key for every host, even one that lists it", () => {
    const entries = parseKnownHosts([line("h", a), `@revoked ${line("*", a)}`].join("\n"));
    expect(verifyHostKey(entries, "h", 22, a).status).toBe("revoked");
    expect(verifyHostKey(entries, "h", 22, b).status).toBe("changed");
  });

  it("@cert-authority lines are not treated as host keys (fail closed: unknown)", () => {
    const entries = parseKnownHosts(`@cert-authority ${line("*.example.com", a)}`);
    expect(verifyHostKey(entries, "x.example.com", 22, a).status).toBe("unknown");
  });

  it("skips a line whose base64 is not a key of the stated type", () => {
    expect(parseKnownHosts(`h ssh-rsa ${a.toString("base64")}`)).toHaveLength(0);
  });

  it("the app file is append-only, 0600, and reads back as known", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clk-kh-"));
    const f = path.join(dir, "sub", "known_hosts");
    appendAppKnownHost(f, "10.0.0.1", 2222, a);
    fs.appendFileSync(f, "# hand-written, no newline");
    appendAppKnownHost(f, "h", 22, e);
    const text = fs.readFileSync(f, "utf8");
    expect(text.split("\n").filter(Boolean)).toHaveLength(3);
    expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    const entries = parseKnownHosts(text);
    expect(verifyHostKey(entries, "10.0.0.1", 2222, a).status).toBe("known");
    expect(verifyHostKey(entries, "h", 22, e).status).toBe("known");
    fs.rmSync(dir, { recursive: true });
  });
});
