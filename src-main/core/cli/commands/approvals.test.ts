// `clawlink approvals`: what the command line means, and what a person and a script read.
import { describe, expect, it } from "vitest";
import type { InboxItem } from "../../../../src-shared/inbox.js";
import { UsageError } from "../args.js";
import { itemJson, itemText, OUTCOME_EXIT, planFrom } from "./approvals.js";

const exec: InboxItem = {
  kind: "exec", id: "3a2b9b4f-eb23-46dc-a643-69d8501db4eb", connectionId: "home", gatewayName: "Home", createdAt: 1_000,
  command: "echo hi; rm -rf ~/tmp/x", cwd: "/srv/work", host: "gateway", nodeId: null, agentId: "main", sessionKey: "agent:main:main",
  resolvedPath: "/usr/bin/echo", requestedVia: "webchat", warnings: ["2 commands"], allowedDecisions: ["allow-once", "deny"], expiresAt: 1_000 + 30 * 60_000,
};
const pairing: InboxItem = {
  kind: "pairing", id: "req-7", connectionId: "home", gatewayName: "Home", createdAt: 2_000, deviceId: "abcdef0123456789", displayName: "Pixel 9",
  platform: "android", deviceFamily: "phone", clientId: "openclaw-android", role: "operator", scopes: ["operator.read", "operator.approvals"], remoteIp: "192.168.1.20", isRepair: false,
};

describe("clawlink approvals", () => {
  it("reads the target and the resolve form, and refuses a decision that does not exist", () => {
    expect(planFrom(["home"])).toEqual({ target: "home", resolve: null });
    expect(planFrom([])).toEqual({ target: undefined, resolve: null });
    expect(planFrom(["home", "resolve", "abc", "allow-once"])).toEqual({ target: "home", resolve: { id: "abc", decision: "allow-once" } });
    expect(planFrom(["resolve", "req-7", "approve"])).toEqual({ target: undefined, resolve: { id: "req-7", decision: "approve" } });
    expect(() => planFrom(["home", "resolve", "abc", "yes"])).toThrow(new UsageError('unknown decision "yes": use allow-once, allow-always or deny for an exec approval, approve or reject for a pairing request'));
    expect(() => planFrom(["home", "resolve", "abc"])).toThrow(UsageError);
  });

  it("the text form shows the whole id and the whole command, where it runs and what may be answered", () => {
    const text = itemText(exec, 1_000);
    expect(text).toContain("exec 3a2b9b4f-eb23-46dc-a643-69d8501db4eb  [Home]  expires in 30 min");
    expect(text).toContain("  $ echo hi; rm -rf ~/tmp/x\n  in /srv/work\n  ! 2 commands\n  answer: allow-once | deny");
    expect(itemText(pairing, 0)).toBe("pairing req-7  [Home]  new device: Pixel 9 (android, phone) from 192.168.1.20\n  wants role operator, to read status and chats; approve commands the agent runs\n  answer: approve | reject");
  });

  it("--json: one object per item with id, kind, gateway, command or device, expiresAt", () => {
    expect(itemJson(exec)).toMatchObject({ id: exec.id, kind: "exec", gateway: "Home", command: "echo hi; rm -rf ~/tmp/x", expiresAt: exec.kind === "exec" ? exec.expiresAt : 0 });
    expect(itemJson(pairing)).toMatchObject({ id: "req-7", kind: "pairing", gateway: "Home", device: { name: "Pixel 9", platform: "android", role: "operator" }, expiresAt: null });
  });

  it("exit codes: unknown and already-resolved ids are usage (2), a missing scope is gateway auth (7)", () => {
    expect(OUTCOME_EXIT).toMatchObject({ done: 0, "unknown-id": 2, "already-resolved": 2, "scope-missing": 7 });
  });
});
