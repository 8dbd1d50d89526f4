import { describe, expect, it } from "vitest";
import { parseTargetSyntax, resolveSshTarget, type SshTarget } from "./ssh-target.js";

const home = "/home/ann";
const resolve = (input: string, configText?: string): SshTarget => {
  const r = resolveSshTarget(input, { ...(configText !== undefined ? { configText } : {}), homeDir: home, localUser: "ann", env: { AGENT: "/run/agent.sock" } });
  if (!r.ok) throw new Error(r.attention.message);
  return r.target;
};

describe("target syntax", () => {
  it.each([
    ["gw.example.com", { host: "gw.example.com" }],
    ["bob@gw.example.com", { host: "gw.example.com", user: "bob" }],
    ["bob@gw.example.com:2222", { host: "gw.example.com", user: "bob", port: 2222 }],
    ["bob@[2001:db8::1]:2222", { host: "2001:db8::1", user: "bob", port: 2222 }],
    ["2001:db8::1", { host: "2001:db8::1" }],
    ["ssh://bob@gw.example.com:2200", { host: "gw.example.com", user: "bob", port: 2200 }],
    ["me@corp.com@gw", { host: "gw", user: "me@corp.com" }],
  ])("%s", (input, want) => {
    expect(parseTargetSyntax(input)).toEqual(want);
  });

  it.each(["", "a b", "host:port", "@host", "host:0", "host:70000", "ssh://host/path"])("rejects %j", (input) => {
    expect(parseTargetSyntax(input)).toBeNull();
  });
});

describe("ssh_config resolution", () => {
  const config = `
Host gw
  HostName gateway.internal
  User deploy
  Port 2222
  IdentityFile ~/.ssh/gw_key
  IdentityFile %d/.ssh/id_%r_%h
  IdentitiesOnly yes
  IdentityAgent $AGENT
  ProxyJump bastion
  ServerAliveInterval 10
  ServerAliveCountMax 4

Host bastion
  HostName bastion.example.com
  User jump
  IdentityAgent none

Host chain
  HostName final.internal
  ProxyJump hop1,ops@hop2:2200

Host hop1
  ProxyJump bastion

Host *
  User fallback
  ConnectTimeout 7
  UserKnownHostsFile ~/.ssh/known_hosts ~/.ssh/known_hosts.d/%h
`;

  it("applies HostName, User, Port, IdentityFile (expanded), IdentitiesOnly, IdentityAgent, ServerAlive*", () => {
    const t = resolve("gw", config);
    expect(t).toMatchObject({
      alias: "gw",
      host: "gateway.internal",
      user: "deploy",
      port: 2222,
      identityFiles: ["/home/ann/.ssh/gw_key", "/home/ann/.ssh/id_deploy_gateway.internal"],
      identitiesOnly: true,
      identityAgent: "/run/agent.sock",
      serverAliveIntervalS: 10,
      serverAliveCountMax: 4,
      connectTimeoutS: 7,
      userKnownHostsFiles: ["/home/ann/.ssh/known_hosts", "/home/ann/.ssh/known_hosts.d/gateway.internal"],
    });
    expect(t.jumps).toHaveLength(1);
    expect(t.jumps[0]).toMatchObject({ alias: "bastion", host: "bastion.example.com", user: "jump", port: 22, identityAgent: "none" });
  });

  it("the typed user and port win over the config, as in OpenSSH", () => {
    const t = resolve("root@gw:2022", config);
    expect(t.user).toBe("root");
    expect(t.port).toBe(2022);
  });

  it("ProxyJump with several hops, a hop with its own ProxyJump, and user@host:port hops", () => {
    const t = resolve("chain", config);
    expect(t.jumps.map((j) => `${j.user}@${j.host}:${j.port}`)).toEqual(["jump@bastion.example.com:22", "fallback@hop1:22", "ops@hop2:2200"]);
  });

  it("no config: the local user and port 22", () => {
    expect(resolve("gw.example.com")).toMatchObject({ host: "gw.example.com", user: "ann", port: 22, identityFiles: [], identitiesOnly: false, jumps: [] });
  });

  it("a ProxyJump loop is reported, not followed forever", () => {
    const r = resolveSshTarget("a", { configText: "Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n", homeDir: home, localUser: "ann" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.attention.message).toMatch(/loop/);
  });

  it("Match exec is never run", () => {
    const t = resolve("x", "Match exec \"touch /tmp/clawlink-should-not-exist\"\n  User evil\n");
    expect(t.user).toBe("ann");
  });
});
