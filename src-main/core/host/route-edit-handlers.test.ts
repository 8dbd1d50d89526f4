// The Settings "Routes" form's calls (issue 13 §3) through the contract's own call path (callHostMethod:
// argument schema, the real HostService handlers, result schema) on a real ProfileStore in a fresh config
// dir: what lands in profiles.json, that a refusal names the form's field and writes nothing, that the
// token stays, and that a running profile (only it) restarts with the new routes.
import { afterEach, describe, expect, it, vi } from "vitest";
import { fieldOfRouteRefusal } from "../../../src-shared/route-edit-schema.js";
import { hostUnderTest, stopHostsUnderTest } from "./testing/host-under-test.js";

afterEach(stopHostsUnderTest);

async function withDirectProfile() {
  const { service, call, value, disk } = await hostUnderTest("clawlink-routes-host-");
  const saved = (id: string) => (JSON.parse(disk()) as { profiles: Array<{ id: string; routes?: unknown[]; failover?: unknown }> }).profiles.find((p) => p.id === id)!;
  const id = (await value<{ profile: { id: string } }>("addProfile", { kind: "direct", name: "Desk", url: "ws://127.0.0.1:9", connectAtStart: false, token: "tok-kept" })).profile.id;
  return { service, call, value, disk, saved, id };
}

type EditReply = { routes: string[]; changes: string[]; reconnected: boolean; profile: { routes?: string[]; returnCheckS?: number; stored: { token: boolean } } };

describe("editRoutes through the host API", () => {
  it("adds an SSH and a URL fallback, moves the second up, removes one: profiles.json follows, the token stays", async () => {
    const s = await withDirectProfile();
    const a = await s.value<EditReply>("editRoutes", s.id, { add: { target: "ssh://me@desk:2222", remotePort: 18790 } });
    expect(a.routes).toEqual(["ws://127.0.0.1:9/", "ssh me@desk:2222 → 127.0.0.1:18790"]);
    await s.value("editRoutes", s.id, { add: { target: "wss://desk.tailnet.ts.net" } });
    const m = await s.value<EditReply>("editRoutes", s.id, { move: { route: 3, to: 2 } });
    expect({ changes: m.changes, routes: m.profile.routes }).toEqual({ changes: ["moved route 3 to 2"], routes: ["ws://127.0.0.1:9/", "wss://desk.tailnet.ts.net", "ssh me@desk:2222 → 127.0.0.1:18790"] });
    expect(s.saved(s.id).routes).toEqual([{ direct: { url: "wss://desk.tailnet.ts.net" } }, { ssh: { target: "me@desk:2222", remotePort: 18790 } }]);
    const r = await s.value<EditReply>("editRoutes", s.id, { remove: 2 });
    expect({ routes: s.saved(s.id).routes, token: r.profile.stored.token }).toEqual({ routes: [{ ssh: { target: "me@desk:2222", remotePort: 18790 } }], token: true });
  });

  it("the return check is saved and shown in the profile view", async () => {
    const s = await withDirectProfile();
    const r = await s.value<EditReply>("editRoutes", s.id, { returnCheckS: 45 });
    expect({ view: r.profile.returnCheckS, file: s.saved(s.id).failover }).toEqual({ view: 45, file: { returnCheckS: 45 } });
  });

  it.each([
    ["an address that is no route", { add: { target: "me@desk" } }, "target"],
    ["a URL the core refuses", { add: { target: "wss://" } }, "target"],
    ["an SSH remote port out of range", { add: { target: "ssh://me@desk", remotePort: 70000 } }, "remotePort"],
    ["a remote port for a URL route", { add: { target: "wss://desk.example", remotePort: 18789 } }, "remotePort"],
    ["a return check under 5 s", { returnCheckS: 2 }, "returnCheckS"],
    ["moving route 1", { move: { route: 1, to: 2 } }, "move"],
    ["removing route 1", { remove: 1 }, "remove"],
  ])("%s is refused naming the form's field, and profiles.json is unchanged", async (_what, edit, field) => {
    const s = await withDirectProfile();
    await s.value("editRoutes", s.id, { add: { target: "ssh://me@desk" } });
    const before = s.disk();
    const r = await s.call("editRoutes", s.id, edit);
    const message = r.ok ? "accepted" : r.error.message;
    expect({ field: fieldOfRouteRefusal(message), unchanged: s.disk() === before, said: /\(nothing was changed\)$/.test(message) }).toEqual({ field, unchanged: true, said: true });
  });

  it("a local profile takes no routes", async () => {
    const s = await withDirectProfile();
    const local = (await s.value<{ profile: { id: string } }>("addProfile", { kind: "local", name: "Here", connectAtStart: false })).profile.id;
    const r = await s.call("editRoutes", local, { add: { target: "ssh://me@desk" } });
    expect(r.ok ? "accepted" : r.error.message).toMatch(/takes no routes/);
  });

  it("a route change of a running profile restarts that connection with the routes, and no other", async () => {
    const s = await withDirectProfile();
    const other = (await s.value<{ profile: { id: string } }>("addProfile", { kind: "direct", name: "Lab", url: "ws://127.0.0.1:9", connectAtStart: false })).profile.id;
    await s.value("connect", s.id);
    await s.value("connect", other);
    await vi.waitFor(() => expect([s.service.orchestrator.get(s.id), s.service.orchestrator.get(other)].every(Boolean)).toBe(true));
    const [edited, untouched] = [s.service.orchestrator.get(s.id), s.service.orchestrator.get(other)];
    const r = await s.value<EditReply>("editRoutes", s.id, { add: { target: "ssh://me@desk" } });
    await vi.waitFor(() => expect(s.service.orchestrator.get(s.id)).not.toBe(edited));
    expect({ reconnected: r.reconnected, routes: s.service.orchestrator.get(s.id)?.spec.routes?.map((x) => x.kind), otherKept: s.service.orchestrator.get(other) === untouched }).toEqual({
      reconnected: true,
      routes: ["direct", "ssh"],
      otherKept: true,
    });
  });

  it("a change of a profile that is not running starts nothing", async () => {
    const s = await withDirectProfile();
    const r = await s.value<EditReply>("editRoutes", s.id, { add: { target: "ssh://me@desk" } });
    expect({ reconnected: r.reconnected, running: s.service.orchestrator.get(s.id) !== undefined }).toEqual({ reconnected: false, running: false });
  });
});
