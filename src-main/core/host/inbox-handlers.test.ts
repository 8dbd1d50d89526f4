// The host API's inbox methods over the real web host, without a gateway: the inbox is empty at start,
// answering an item of a connection that is not live comes back as an "offline" outcome value (never a
// thrown error), and the contract refuses a decision the protocol does not have. A deny reason sent as
// null over the wire (JSON has no undefined) is accepted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hostEvents, hostMethods } from "../../../src-shared/host-api.js";
import { createLogger } from "../log/logger.js";
import { ProfileStore } from "../profiles/profile-store.js";
import { MemorySecretStore } from "../secrets/secret-store.js";
import { HostService } from "./host-service.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function makeService(): Promise<HostService> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-inbox-host-"));
  const profiles = await ProfileStore.open(path.join(dir, "cfg"));
  const service = new HostService({ host: "web", configDir: path.join(dir, "cfg"), profiles, secrets: new MemorySecretStore(), logger: createLogger([]), env: {}, homeDir: dir });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => service.stop());
  return service;
}

describe("inbox methods of the host service", () => {
  it("an empty inbox at start; answers for a connection that is not live are outcome values", async () => {
    const s = await makeService();
    expect(await s.handlers.getInbox()).toEqual({ items: [], gateways: [], resolved: [], seq: 0 });
    expect(await s.handlers.answerExecApproval("nowhere", "a1", "allow-once", null)).toMatchObject({ kind: "offline", message: expect.stringContaining('"nowhere"') });
    expect(await s.handlers.answerPairingRequest("nowhere", "r1", "approve")).toMatchObject({ kind: "offline" });
  });

  it("the contract: decisions are the protocol's, the reason is optional or null, and the inbox event is declared", () => {
    const args = hostMethods.answerExecApproval.args;
    expect(args.safeParse(["one", "a1", "allow-once"]).success).toBe(true);
    expect(args.safeParse(["one", "a1", "deny", null]).success).toBe(true);
    expect(args.safeParse(["one", "a1", "deny", "not here"]).success).toBe(true);
    expect(args.safeParse(["one", "a1", "allow-forever"]).success).toBe(false);
    expect(args.safeParse(["one", "a1", "deny", "x".repeat(2001)]).success).toBe(false);
    expect(hostMethods.answerPairingRequest.args.safeParse(["one", "r1", "maybe"]).success).toBe(false);
    expect(hostEvents.inbox.safeParse({ items: [], gateways: [], resolved: [], seq: 3 }).success).toBe(true);
    expect(hostMethods.answerExecApproval.result.safeParse({ kind: "done", item: "a1", reason: "sent" }).success).toBe(true);
  });

  it("stop lets go of the inbox: no more inbox events after it", async () => {
    const s = await makeService();
    const seen: string[] = [];
    s.onEvent((e) => seen.push(e.name));
    await s.stop();
    expect(seen.filter((n) => n === "inbox")).toEqual([]);
  });
});
