import { describe, expect, it } from "vitest";
import type { Attention, Reason } from "../../../src-shared/attention.js";
import { planStepNames, runStages, STEP_ORDER, StepRecorder, timedStep, type Stage } from "./steps.js";

const fail = (reason: Reason): Attention => ({ reason, message: `${reason} happened`, fixHint: `fix ${reason}` });

describe("which steps a target gets", () => {
  it("SSH targets: SSH steps between TCP and the WebSocket, no TLS pin", () => {
    expect(planStepNames({ kind: "ssh" })).toEqual(["target", "resolve", "tcp", "ssh-handshake", "host-key", "ssh-auth", "forward", "websocket", "challenge", "auth", "pairing", "health"]);
  });
  it("ws:// targets: no SSH steps, no TLS pin", () => {
    expect(planStepNames({ kind: "direct", secure: false })).toEqual(["target", "resolve", "tcp", "websocket", "challenge", "auth", "pairing", "health"]);
    expect(planStepNames({ kind: "local" })).toEqual(["target", "resolve", "tcp", "websocket", "challenge", "auth", "pairing", "health"]);
  });
  it("wss:// targets: the TLS pin right after TCP, before any byte inside TLS (the upgrade)", () => {
    expect(planStepNames({ kind: "direct", secure: true })).toEqual(["target", "resolve", "tcp", "tls-pin", "websocket", "challenge", "auth", "pairing", "health"]);
  });
  it("the issue's ladder order is kept (target first, TLS pin moved ahead of the upgrade)", () => {
    const issue = ["resolve", "tcp", "ssh-handshake", "host-key", "ssh-auth", "forward", "websocket", "challenge", "auth", "pairing", "health"];
    expect(STEP_ORDER.filter((n) => n !== "target" && n !== "tls-pin")).toEqual(issue);
  });
});

describe("runStages", () => {
  it("runs stages in order and stops at the first failure: later stages never run", async () => {
    const ran: string[] = [];
    const stage = (name: (typeof STEP_ORDER)[number], ok: boolean): Stage =>
      timedStep(name, async () => {
        ran.push(name);
        return ok ? { ok: true, detail: `${name} fine` } : { ok: false, attention: fail("tcp-failed") };
      });
    const steps = await runStages([stage("target", true), stage("resolve", true), stage("tcp", false), stage("websocket", true), stage("health", true)]);
    expect(ran).toEqual(["target", "resolve", "tcp"]);
    expect(steps.map((s) => [s.name, s.ok])).toEqual([["target", true], ["resolve", true], ["tcp", false]]);
    expect(steps[2]!.attention).toEqual(fail("tcp-failed"));
    expect(steps[2]!.detail).toBe("tcp-failed happened");
  });

  it("a stage recording several steps stops the run at its own failure", async () => {
    let after = false;
    const steps = await runStages([
      async (r) => {
        r.pass("ssh-handshake", 1, "kex");
        r.pass("host-key", 1, "known");
        r.fail("ssh-auth", 1, fail("ssh-auth-failed"));
      },
      async () => {
        after = true;
      },
    ]);
    expect(after).toBe(false);
    expect(steps.map((s) => s.name)).toEqual(["ssh-handshake", "host-key", "ssh-auth"]);
  });

  it("cleanups run at the end whether the run passed, failed or a stage threw", async () => {
    for (const mode of ["pass", "fail", "throw"] as const) {
      const closed: string[] = [];
      const steps = await runStages([
        async (r) => {
          r.onCleanup(() => void closed.push("tunnel"));
          r.pass("target", 0, "ok");
        },
        async (r) => {
          r.onCleanup(async () => void closed.push("session"));
          if (mode === "throw") throw new Error("boom");
          if (mode === "fail") r.fail("resolve", 0, fail("dns-failed"));
          else r.pass("resolve", 0, "ok");
        },
      ]);
      expect(closed, mode).toEqual(["session", "tunnel"]); // newest first
      if (mode === "throw") {
        expect(steps.at(-1)).toMatchObject({ name: "resolve", ok: false, attention: { reason: "internal-error" } });
        expect(steps.at(-1)!.attention!.message).toContain("boom");
      }
    }
  });

  it("a step that throws is a failed step with an internal-error attention, not an exception", async () => {
    const steps = await runStages([timedStep("target", async () => Promise.reject(new Error("bad input")))]);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ name: "target", ok: false, attention: { reason: "internal-error" } });
  });

  it("ms is measured, not made up", async () => {
    const steps = await runStages([timedStep("target", async () => (await new Promise((r) => setTimeout(r, 30)), { ok: true as const, detail: "slow" }))]);
    expect(steps[0]!.ms).toBeGreaterThanOrEqual(25);
    expect(steps[0]!.ms).toBeLessThan(1000);
  });
});

describe("StepRecorder guards the ladder's rules", () => {
  it("nothing is recorded after a failure", () => {
    const r = new StepRecorder();
    r.fail("tcp", 0, fail("tcp-refused"));
    expect(() => r.pass("websocket", 0, "x")).toThrow(/after "tcp" had failed/);
  });
  it("steps are recorded in ladder order only", () => {
    const r = new StepRecorder();
    r.pass("tcp", 0, "x");
    expect(() => r.pass("resolve", 0, "x")).toThrow(/out of order/);
    expect(() => r.pass("tcp", 0, "again")).toThrow(/out of order/);
  });
});
