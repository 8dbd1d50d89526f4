import { describe, expect, it } from "vitest";
import { hostEvents, type HostEventName } from "../../../src-shared/host-api.js";
import { connectionSnapshot } from "../../../src-shared/testing/connection-snapshot.js";
import { execItem } from "../../../src-shared/testing/inbox-items.js";
import { refreshesTray, trayInput } from "./tray-input.js";

describe("tray input", () => {
  const ports = { profiles: () => [{ id: "home", name: "Home" }], snapshots: () => [connectionSnapshot({ id: "home", state: "connected" })] };

  it("is the saved profiles, the live connections and the start-at-login state", async () => {
    const input = await trayInput(ports, { supported: true, get: async () => true });
    expect(input.profiles).toEqual([{ id: "home", name: "Home" }]);
    expect(input.connections.map((c) => [c.id, c.state])).toEqual([["home", "connected"]]);
    expect(input.startAtLogin).toEqual({ supported: true, enabled: true });
  });

  it("shows start at login as off when the login item cannot be read", async () => {
    const input = await trayInput(ports, { supported: true, get: async () => Promise.reject(new Error("no registry")) });
    expect(input.startAtLogin).toEqual({ supported: true, enabled: false });
    expect((await trayInput(ports, { supported: false, get: async () => false })).startAtLogin).toEqual({ supported: false, enabled: false });
  });

  it("is rebuilt on connection, profile and inbox events, not on chat traffic", () => {
    const names = Object.keys(hostEvents) as HostEventName[];
    expect(names.filter(refreshesTray).sort()).toEqual(["connection", "connectionRemoved", "inbox", "profiles"]);
  });

  it("carries the inbox's pending items when there is an inbox, none otherwise", async () => {
    const login = { supported: false, get: async () => false };
    const item = execItem();
    expect((await trayInput({ ...ports, inbox: () => [item] }, login)).inbox).toEqual([item]);
    expect((await trayInput(ports, login)).inbox).toEqual([]);
  });
});
