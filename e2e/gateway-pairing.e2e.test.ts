// Pairing with a gateway that does not auto-approve local devices: the session shows the pending
// request with the exact approve command, keeps polling quietly, and continues on its own after the
// real `openclaw devices approve` — no restart, no user action in Clawlink.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewaySession } from "../src-main/core/gateway/gateway-session.js";
import { MemorySecretStore } from "../src-main/core/secrets/secret-store.js";
import { TestGateway } from "./harness/gateway.js";
import { recordStates, waitForState } from "./harness/session-helpers.js";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await new TestGateway({ manualPairing: true }).start();
});
afterAll(async () => {
  await gateway?.stop();
});

describe("pairing required → approved via the openclaw CLI → connected", () => {
  it("exposes requestId and the approve command, then continues by itself once approved", async () => {
    const s = new GatewaySession({
      url: gateway.url,
      gatewayKey: "pairing-gw",
      target: "pairing gateway",
      token: { value: gateway.token, source: "test" },
      secrets: new MemorySecretStore(),
      policy: { pairingRetryMs: 1000 },
    });
    const states = recordStates(s);
    try {
      await s.start();
      const pending = await waitForState(s, (x) => x.phase === "pairing-required", 30_000);
      const requestId = pending.pairing?.requestId;
      expect(requestId).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);
      expect(pending.pairing?.approveCommand).toBe(`openclaw devices approve ${requestId}`);
      expect(pending.attention?.fixHint).toContain(`openclaw devices approve ${requestId}`);

      // The gateway lists this device as pending, under the id we show.
      const list = JSON.parse(await gateway.cli(["devices", "list", "--json"])) as { pending?: Array<{ requestId: string; deviceId: string }> };
      const mine = list.pending?.find((p) => p.deviceId === s.deviceId);
      expect(mine).toBeTruthy();

      // It keeps retrying quietly meanwhile (more attempts, still pairing-required, never needs-attention).
      const before = s.snapshot.generation;
      await waitForState(s, (x) => x.generation > before + 1 && x.phase === "pairing-required", 15_000, "quiet pairing retries");

      // Approve with whatever request is current now (a retry may have replaced it).
      const current = s.snapshot.pairing?.requestId ?? mine!.requestId;
      const out = await gateway.cli(["devices", "approve", current]);
      expect(out).toMatch(/Approved/);
      const snap = await waitForState(s, (x) => x.phase === "connected", 30_000, "connected after approval");
      expect(snap.connected?.scopes).toEqual(expect.arrayContaining(["operator.read", "operator.write"]));
      expect(states.some((x) => x.phase === "needs-attention")).toBe(false);
    } finally {
      await s.stop();
    }
  });
});
