import { describe, expect, it } from "vitest";
import type { ProfileView } from "../../src-shared/host-api";
import { connectionSnapshot } from "../../src-shared/testing/connection-snapshot";
import { filterCommands, paletteCommands } from "./palette";

const profile = (id: string, name: string) => ({ id, name }) as ProfileView;
const profiles = [profile("home", "Home desktop"), profile("vps", "VPS")];

describe("palette commands", () => {
  it("the selected gateway first; Connect or Disconnect as its state says; chat, a new session and the Control UI (connected only), diagnostics, go to; then inbox and add", () => {
    const cmds = paletteCommands({ profiles, connections: { vps: connectionSnapshot({ id: "vps", state: "connected" }) }, selected: "vps", primaryKey: "Ctrl" });
    expect(cmds.map((c) => c.label)).toEqual([
      "Disconnect VPS",
      "Chat with VPS",
      "New chat session on VPS",
      "Open the Control UI of VPS",
      "Run diagnostics on VPS",
      "Go to VPS",
      "Connect Home desktop",
      "Chat with Home desktop",
      "Run diagnostics on Home desktop",
      "Go to Home desktop",
      "Open the inbox",
      "Add a remote gateway",
    ]);
    // The shortcut hint keeps the list position, not the palette order.
    expect(cmds.find((c) => c.id === "switch:vps")?.shortcut).toBe("Ctrl+2");
    expect(cmds.find((c) => c.id === "switch:home")?.shortcut).toBe("Ctrl+1");
  });
  it("a stopped connection offers Connect", () => {
    const cmds = paletteCommands({ profiles, connections: { home: connectionSnapshot({ id: "home", state: "stopped" }) }, selected: "home", primaryKey: "⌘" });
    expect(cmds[0]).toMatchObject({ label: "Connect Home desktop", run: { kind: "connect", profileId: "home" } });
  });
  it("no shortcut beyond the ninth gateway", () => {
    const many = Array.from({ length: 10 }, (_, i) => profile(`p${i}`, `P${i}`));
    const cmds = paletteCommands({ profiles: many, connections: {}, selected: null, primaryKey: "Ctrl" });
    expect(cmds.find((c) => c.id === "switch:p8")?.shortcut).toBe("Ctrl+9");
    expect(cmds.find((c) => c.id === "switch:p9")?.shortcut).toBeNull();
  });
});

describe("palette filter", () => {
  const cmds = paletteCommands({ profiles, connections: {}, selected: "home", primaryKey: "Ctrl" });
  it("every typed word starts a word of the label, in any order, any case", () => {
    expect(filterCommands(cmds, "con home").map((c) => c.label)).toEqual(["Connect Home desktop"]);
    expect(filterCommands(cmds, "HOME diag").map((c) => c.label)).toEqual(["Run diagnostics on Home desktop"]);
    expect(filterCommands(cmds, "inbox").map((c) => c.id)).toEqual(["inbox"]);
    expect(filterCommands(cmds, "ome")).toEqual([]);
  });
  it("an empty query keeps all", () => {
    expect(filterCommands(cmds, "  ")).toHaveLength(cmds.length);
  });
});
