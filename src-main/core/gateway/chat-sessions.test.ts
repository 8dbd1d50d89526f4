// Sessions, agents and models as the real gateway (2026.9.6) answered them (recorded shapes, trimmed).
import { describe, expect, it } from "vitest";
import { agentsFrom, chatRefusal, createSession, deleteSession, modelsFrom, patchSession, readableSessionKey, sessionsFrom } from "./chat-sessions.js";

const gatewayError = (message: string, gatewayCode: string) => Object.assign(new Error(message), { gatewayCode });

describe("session labels", () => {
  it("a label wins; without one a readable key, never a message's text or displayName", () => {
    const rows = sessionsFrom({
      sessions: [
        { key: "agent:main:dashboard:0527b51e-a269-4355-9418-6d8f34c02ed6", label: "Trip plans", displayName: "Trip plans", modelProvider: "fake", model: "fake-model", agentId: "main", updatedAt: 5 },
        { key: "agent:main:main", displayName: "hello can you help me with my very long first message", lastMessagePreview: "hello" },
        { label: "no key" },
      ],
    });
    expect(rows).toEqual([
      { key: "agent:main:dashboard:0527b51e-a269-4355-9418-6d8f34c02ed6", label: "Trip plans", updatedAt: 5, agentId: "main", model: "fake/fake-model" },
      { key: "agent:main:main", label: "main", updatedAt: null, agentId: "main", model: null },
    ]);
  });
  it("readable keys", () => {
    expect(readableSessionKey("agent:main:main")).toBe("main");
    expect(readableSessionKey("agent:main:dashboard:0527b51e-a269-4355-9418-6d8f34c02ed6")).toBe("dashboard 0527b51e");
    expect(readableSessionKey("agent:ops:work")).toBe("work (ops)");
    expect(readableSessionKey("global")).toBe("global");
  });
});

describe("agents and models", () => {
  it("agents.list: id, name and primary model", () => {
    const res = { defaultId: "main", mainKey: "main", scope: "per-sender", agents: [{ id: "main", model: { primary: "fake/fake-model" } }, { id: "ops", identity: { name: "Ops" } }, { name: "no id" }] };
    expect(agentsFrom(res)).toEqual({ defaultId: "main", agents: [{ id: "main", name: null, model: "fake/fake-model" }, { id: "ops", name: "Ops", model: null }] });
  });
  it("models.list: provider/id refs; rows the policy forbids are no choice", () => {
    const res = { models: [{ id: "fake-model", name: "Fake Model", provider: "fake", available: true }, { id: "b", provider: "p", available: false }, { id: "c", provider: "p", manualSelectionAllowed: false }] };
    expect(modelsFrom(res)).toEqual([
      { ref: "fake/fake-model", name: "Fake Model", provider: "fake", available: true },
      { ref: "p/b", name: "b", provider: "p", available: false },
    ]);
  });
});

describe("calls and refusals", () => {
  it("create sends only what was given and reads the key, label and resolved model", async () => {
    const calls: unknown[] = [];
    const req = async (method: string, params: unknown) => {
      calls.push({ method, params });
      return { ok: true, key: "agent:main:dashboard:x", entry: { label: "One", updatedAt: 3 }, resolved: { modelProvider: "fake", model: "fake-model" } } as never;
    };
    expect(await createSession(req, { label: "One" })).toEqual({ key: "agent:main:dashboard:x", label: "One", updatedAt: 3, agentId: "main", model: "fake/fake-model" });
    expect(calls).toEqual([{ method: "sessions.create", params: { label: "One" } }]);
  });
  it("patch: rename and model in one call; the model is what the gateway resolved", async () => {
    const calls: unknown[] = [];
    const req = async (method: string, params: unknown) => {
      calls.push({ method, params });
      return { ok: true, key: "k", entry: { label: "Two", providerOverride: "fake", modelOverride: "fake-model" }, resolved: { modelProvider: "fake", model: "fake-model" } } as never;
    };
    const row = await patchSession(req, "agent:main:k", { label: "Two", model: "fake/fake-model" });
    expect(row).toMatchObject({ key: "agent:main:k", label: "Two", model: "fake/fake-model" });
    expect(calls).toEqual([{ method: "sessions.patch", params: { key: "agent:main:k", label: "Two", model: "fake/fake-model" } }]);
  });
  it("an unknown model is refused with the gateway's reason and a hint to pick from the list", async () => {
    const req = async () => Promise.reject(gatewayError('Unknown provider "nope". Use /models to list providers.', "INVALID_REQUEST"));
    await expect(patchSession(req, "k", { model: "nope/x" })).rejects.toMatchObject({
      message: `Could not change the session's model: Unknown provider "nope". Use /models to list providers.`,
      fixHint: expect.stringMatching(/^Pick one of the models this gateway lists/),
    });
  });
  it("a missing scope says which scope and how to grant it", () => {
    const e = chatRefusal(gatewayError("missing scope: operator.admin", "INVALID_REQUEST"), "rename the session");
    expect(e.fixHint).toMatch(/openclaw devices approve/);
  });
  it("a taken label and an unknown agent each name their fix", () => {
    expect(chatRefusal(gatewayError("label already in use: explore one", "INVALID_REQUEST"), "x").fixHint).toMatch(/choose another name/);
    expect(chatRefusal(gatewayError('Unknown agent id "nope"', "INVALID_REQUEST"), "x").fixHint).toMatch(/agents this gateway lists/);
  });
  it("delete reports whether the gateway deleted anything", async () => {
    expect(await deleteSession(async () => ({ ok: true, deleted: false, archived: [] }) as never, "k")).toEqual({ deleted: false });
  });
});
