import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listSshConfigHosts } from "./ssh-config-hosts.js";

describe("~/.ssh/config aliases for the add-gateway form", () => {
  it("lists concrete Host names with what they resolve to, skipping patterns", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "clk-sshcfg-"));
    fs.mkdirSync(path.join(home, ".ssh"));
    fs.writeFileSync(
      path.join(home, ".ssh", "config"),
      ["Host home-desktop desk", "  HostName 192.168.1.20", "  User me", "  Port 2222", "", "Host *.internal !bad", "  User ops", "", "Host vps", "  HostName vps.example.com", ""].join("\n"),
    );
    const hosts = listSshConfigHosts(home, { USER: "local" });
    expect(hosts.map((h) => h.alias)).toEqual(["home-desktop", "desk", "vps"]);
    expect(hosts[0]).toEqual({ alias: "home-desktop", hostName: "192.168.1.20", user: "me", port: 2222 });
    expect(hosts[2]).toMatchObject({ alias: "vps", hostName: "vps.example.com", port: 22 });
    fs.rmSync(home, { recursive: true, force: true });
  });
  it("no config file: nothing to suggest", () => {
    expect(listSshConfigHosts(fs.mkdtempSync(path.join(os.tmpdir(), "clk-empty-")))).toEqual([]);
  });
});
