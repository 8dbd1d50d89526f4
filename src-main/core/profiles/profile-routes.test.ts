// Fallback routes in profiles.json (issue 13 §3): older files read as one route; add/remove through the
// store, a bad route refused with its field named and nothing written; the spec lists every route in order.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { specFromProfile } from "../orchestrator/profile-spec.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { describeRoutes, editRoutes, RouteEditError, routeFromTarget } from "./profile-routes.js";
import { ProfileSchema } from "./profile-schema.js";
import { ProfileStore } from "./profile-store.js";

let dir: string;
let store: ProfileStore;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-routes-"));
  store = await ProfileStore.open(dir);
  await store.add({ name: "Desk", kind: "direct", direct: { url: "wss://desk.tailnet.ts.net" } });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const onDisk = () => fs.readFileSync(path.join(dir, "profiles.json"), "utf8");

describe("profile routes", () => {
  it("a profile without routes is one route: its own endpoint", () => {
    expect(describeRoutes(store.get("desk")!)).toEqual(["wss://desk.tailnet.ts.net/"]);
  });

  it("ssh:// and URLs become route sections; anything else is not a route", () => {
    expect(routeFromTarget("ssh://me@desk:2222", { remotePort: 18790 })).toEqual({ ssh: { target: "me@desk:2222", remotePort: 18790 } });
    expect(routeFromTarget("ssh://me@desk")).toEqual({ ssh: { target: "me@desk", remotePort: 18789 } });
    expect(routeFromTarget("ws://10.0.0.5:18789")).toEqual({ direct: { url: "ws://10.0.0.5:18789" } });
    expect(routeFromTarget("me@desk")).toBeNull();
  });

  it("--add-route then --remove-route 2: saved, listed in order, removed", async () => {
    const added = await editRoutes(store, "desk", { add: "ssh://me@desk", returnCheckS: 20 });
    expect(describeRoutes(added.profile)).toEqual(["wss://desk.tailnet.ts.net/", "ssh me@desk → 127.0.0.1:18789"]);
    expect(JSON.parse(onDisk()).profiles.find((x: { id: string }) => x.id === "desk").failover).toEqual({ returnCheckS: 20 });
    const removed = await editRoutes(store, "desk", { remove: 2 });
    expect(describeRoutes(removed.profile)).toEqual(["wss://desk.tailnet.ts.net/"]);
  });

  it("a route URL that is no gateway URL is refused with its field named, and nothing is written", async () => {
    const before = onDisk();
    await expect(editRoutes(store, "desk", { add: "wss://" })).rejects.toThrow(/routes\[0\]\.direct\.url: .*nothing was changed/);
    expect(onDisk()).toBe(before);
  });

  it("route 1 cannot be removed; a number past the list is refused", async () => {
    await expect(editRoutes(store, "desk", { remove: 1 })).rejects.toThrow(/route 1 is the profile's own endpoint/);
    await expect(editRoutes(store, "desk", { remove: 3 })).rejects.toThrow(/has routes 1 to 1/);
  });

  it("--move-route reorders the fallbacks; route 1 stays first and a place past the list is refused", async () => {
    await editRoutes(store, "desk", { add: "ssh://me@desk" });
    await editRoutes(store, "desk", { add: "ws://10.0.0.5:18789" });
    const moved = await editRoutes(store, "desk", { move: { route: 3, to: 2 } });
    expect({ routes: describeRoutes(moved.profile), changes: moved.changes }).toEqual({ routes: ["wss://desk.tailnet.ts.net/", "ws://10.0.0.5:18789", "ssh me@desk → 127.0.0.1:18789"], changes: ["moved route 3 to 2"] });
    const before = onDisk();
    const refused = async (move: { route: number; to: number }) => editRoutes(store, "desk", { move }).then(() => "accepted", (e: unknown) => (e instanceof RouteEditError ? `${e.field}: ${e.problem}` : String(e)));
    expect(await refused({ route: 2, to: 1 })).toBe("move: route 1 is the profile's own endpoint and stays first");
    expect(await refused({ route: 4, to: 2 })).toBe("move: desk has fallback routes 2 to 3");
    expect(onDisk()).toBe(before);
  });

  it("a store refusal names the part of the edit it is about (the port of an ssh:// route, the return check)", async () => {
    const field = (e: Parameters<typeof editRoutes>[2]) => editRoutes(store, "desk", e).then(() => "accepted", (x: unknown) => (x instanceof RouteEditError ? x.field : String(x)));
    expect(await field({ add: "ssh://me@desk", remotePort: 70000 })).toBe("remotePort");
    expect(await field({ returnCheckS: 4 })).toBe("returnCheckS");
    expect(await field({ add: "wss://desk.example", identityFile: "/k" })).toBe("identityFile");
  });

  it("a local profile takes no routes", () => {
    const r = ProfileSchema.safeParse({ id: "l", uid: "a".repeat(32), name: "L", kind: "local", local: {}, routes: [{ ssh: { target: "me@desk" } }] });
    expect(r.success ? "accepted" : r.error.issues.map((i) => i.path.join("."))).toEqual(["routes"]);
  });

  it("the connection spec lists route 1 then the fallbacks, with the return check", async () => {
    const p = (await editRoutes(store, "desk", { add: "ssh://me@desk", returnCheckS: 15 })).profile;
    const { spec } = await specFromProfile(p, { secrets: new MemorySecretStore(), env: {}, homeDir: dir });
    expect(spec.routes?.map((r) => [r.kind, r.url ?? r.ssh?.target])).toEqual([["direct", "wss://desk.tailnet.ts.net/"], ["ssh", "me@desk"]]);
    expect(spec.returnCheckMs).toBe(15_000);
  });
});
