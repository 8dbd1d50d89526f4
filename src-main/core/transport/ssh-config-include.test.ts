// Issue 12: ~/.ssh/config with Include (globs, relative to ~/.ssh, missing files, ${ENV}, conditional
// inside Host and Match blocks), Match blocks, and ProxyCommand — read from the fixture home in
// fixtures/ssh-home (a real directory tree, read through the real file system).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { listSshConfigHosts } from "./ssh-config-hosts.js";
import { expandIncludePattern, MAX_INCLUDE_DEPTH } from "./ssh-config-tree.js";
import { jumpOfProxyCommand } from "./ssh-proxy-command.js";
import { resolveSshTarget, type ResolveResult, type SshTarget } from "./ssh-target.js";

const home = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures", "ssh-home");
const dotSsh = path.join(home, ".ssh");
const env = { EXTRA_SSH: path.join(dotSsh, "extra") };
const configText = fs.readFileSync(path.join(dotSsh, "config"), "utf8");

const resolveRaw = (input: string, text = configText): ResolveResult => resolveSshTarget(input, { configText: text, homeDir: home, localUser: "ann", env });
const resolve = (input: string): SshTarget => {
  const r = resolveRaw(input);
  if (!r.ok) throw new Error(r.attention.message);
  return r.target;
};

describe("Include", () => {
  it("a relative glob is taken from ~/.ssh and read in sorted order", () => {
    expect(expandIncludePattern("config.d/*.conf", home, env)).toEqual([path.join(dotSsh, "config.d", "10-lab.conf"), path.join(dotSsh, "config.d", "20-vps.conf")]);
  });

  it("hosts from included files resolve like hosts of the main file; its Host * still applies after them", () => {
    expect(resolve("vps")).toMatchObject({ host: "vps.example.com", port: 2222, user: "fallback" });
    expect(resolve("lab")).toMatchObject({ host: "lab.internal", user: "labber" });
    expect(resolve("desk")).toMatchObject({ host: "desk.tailnet-1234.ts.net", user: "me" });
  });

  it("a glob does not match dot files or other suffixes; a missing file is ignored; ${ENV} is expanded", () => {
    expect(resolve("hidden")).toMatchObject({ host: "hidden", user: "fallback" });
    expect(resolve("readme")).toMatchObject({ host: "readme" });
    expect(resolve("extra")).toMatchObject({ host: "extra.example.com" });
  });

  it("an Include inside a Host block applies only to that block's hosts, and its own Host lines narrow it", () => {
    expect(resolve("lab").identityFiles).toEqual([path.join(dotSsh, "lab_key")]);
    expect(resolve("vps").identityFiles).toEqual([]);
    expect(resolve("work-a")).toMatchObject({ user: "worker", port: 22, connectTimeoutS: 9 });
    expect(resolve("work-special")).toMatchObject({ user: "worker", port: 2022, connectTimeoutS: 9 });
    expect(resolve("play-a")).toMatchObject({ user: "fallback" });
    expect(resolve("play-a").connectTimeoutS).toBeUndefined();
  });

  it("an Include inside a Match block applies only when the Match does", () => {
    expect(resolve("corp-db")).toMatchObject({ host: "corp-db.corp.example.com", user: "corp", port: 2200 });
    expect(resolve("db")).toMatchObject({ host: "db", user: "fallback", port: 22 });
  });

  it(`an Include loop stops at ${MAX_INCLUDE_DEPTH} levels with a message`, () => {
    const r = resolveRaw("x", "Include loop.conf\n");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.attention.reason).toBe("ssh-target-invalid");
      expect(r.attention.message).toMatch(/more than 16 levels deep .*Include loop/);
    }
  });

  it("the add-gateway suggestions include aliases from included files (not dot files, not patterns)", () => {
    const aliases = listSshConfigHosts(home, env).map((h) => h.alias);
    expect(aliases).toEqual(expect.arrayContaining(["lab", "vps", "extra", "desk", "bastion", "mixed", "work-special"]));
    expect(aliases).not.toContain("hidden");
    expect(aliases).not.toContain("work-*");
  });
});

describe("Match", () => {
  it("Match host is tested against the HostName; Match all applies to every host", () => {
    expect(resolve("x.corp.example.com")).toMatchObject({ user: "corp", port: 2200, serverAliveIntervalS: 15 });
    expect(resolve("desk").serverAliveIntervalS).toBe(15);
  });

  it("a criterion Clawlink does not evaluate skips its block, and a notice says so", () => {
    const r = resolveRaw("desk");
    expect(r.ok && r.target.user).toBe("me");
    expect(r.ok && r.notices).toEqual([expect.stringMatching(/"Match localnetwork 10\.0\.0\.0\/8": Clawlink does not evaluate the "localnetwork" criterion .* so that block is skipped/)]);
  });

  it("Match localuser is evaluated against the local user", () => {
    const text = "Match localuser ann\n  Port 2022\nMatch localuser bob\n  User bob\n";
    const r = resolveRaw("h", text);
    expect(r.ok && r.target).toMatchObject({ port: 2022, user: "ann" });
  });

  it("Match exec is never run and says so", () => {
    const r = resolveRaw("h", 'Match exec "touch /tmp/clawlink-should-not-exist"\n  User evil\n');
    expect(r.ok && r.target.user).toBe("ann");
    expect(r.ok && r.notices?.[0]).toMatch(/would run a command; Clawlink never runs commands/);
    expect(fs.existsSync("/tmp/clawlink-should-not-exist")).toBe(false);
  });

  it("a lowercase hostname line is seen by a later Match host", () => {
    const r = resolveRaw("h", "Host h\n  hostname h.corp.example.com\nMatch host *.corp.example.com\n  Port 2200\n");
    expect(r.ok && r.target).toMatchObject({ host: "h.corp.example.com", port: 2200 });
  });
});

describe("ProxyCommand", () => {
  it("is a needs-attention naming the ProxyJump line to write, not ignored", () => {
    const r = resolveRaw("old-jump");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.attention.reason).toBe("ssh-proxycommand-unsupported");
    expect(r.attention.message).toMatch(/old-jump is reached through "ProxyCommand ssh -q -W %h:%p bastion" .* which Clawlink does not support/);
    expect(r.attention.fixHint).toMatch(/with "ProxyJump bastion" in the block for old-jump/);
  });

  it("a ProxyCommand that is not a plain jump gets the way that works", () => {
    const r = resolveRaw("cloud");
    expect(!r.ok && r.attention.reason).toBe("ssh-proxycommand-unsupported");
    expect(!r.ok && r.attention.fixHint).toMatch(/no ProxyJump form: forward the gateway port yourself \(`ssh -N -L 28789:127\.0\.0\.1:18789 cloud`\)/);
  });

  it("whichever of ProxyJump and ProxyCommand comes first wins, as in OpenSSH", () => {
    expect(resolve("mixed").jumps.map((j) => j.host)).toEqual(["bastion.example.com"]);
    const r = resolveRaw("h", "Host h\n  ProxyCommand ssh -W %h:%p b\n  ProxyJump b\n");
    expect(!r.ok && r.attention.reason).toBe("ssh-proxycommand-unsupported");
    const none = resolveRaw("h", "Host h\n  ProxyCommand none\n  ProxyJump b\n");
    expect(none.ok && none.target.jumps).toEqual([]);
  });

  it("a jump host reached through a ProxyCommand is reported too", () => {
    const r = resolveRaw("h", "Host h\n  ProxyJump j\nHost j\n  ProxyCommand nc -X 5 -x proxy:1080 %h %p\n");
    expect(!r.ok && r.attention.message).toMatch(/^j is reached through "ProxyCommand nc/);
  });

  it.each([
    ["ssh -W %h:%p bastion", "bastion"],
    ["ssh -q -W %h:%p ops@bastion", "ops@bastion"],
    ["ssh bastion -W %h:%p", "bastion"],
    ["/usr/bin/ssh -x -W [%h]:%p jump", "jump"],
    ["ssh -W %h:%p -p 2222 bastion", null],
    ["nc %h %p", null],
  ])("jump of %j", (command, jump) => {
    expect(jumpOfProxyCommand(command)).toBe(jump);
  });
});
