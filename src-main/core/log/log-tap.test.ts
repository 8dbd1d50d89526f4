import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";
import { createLogTap } from "./log-tap.js";

/** A timer the test fires by hand. */
function manualTimer() {
  const due: Array<() => void> = [];
  return { timer: (fn: () => void) => due.push(fn), fire: () => due.splice(0).forEach((f) => f()), pending: () => due.length };
}

describe("the log tap (live tail source)", () => {
  it("hands on what the logger writes, redacted, in one batch per interval", () => {
    const t = manualTimer();
    const tap = createLogTap({ timer: t.timer });
    const log = createLogger([tap.sink]);
    log.redactor.add("s3cr3t-value-123");
    const got: string[][] = [];
    tap.on((records) => got.push(records.map((r) => r.msg)));
    log.info("one s3cr3t-value-123");
    log.child("conn.vps").warn("two");
    expect(t.pending()).toBe(1);
    t.fire();
    expect(got).toEqual([["one ‹redacted›", "two"]]);
  });

  it("caps a burst and says how many it dropped; records logged while handing on are not tapped", () => {
    const t = manualTimer();
    const tap = createLogTap({ timer: t.timer, batchMax: 3 });
    const log = createLogger([tap.sink]);
    const got: Array<{ n: number; dropped: number }> = [];
    tap.on((records, dropped) => {
      got.push({ n: records.length, dropped });
      log.info("logged by the listener itself");
    });
    for (let i = 0; i < 10; i++) log.debug(`burst ${i}`);
    t.fire();
    expect(got).toEqual([{ n: 3, dropped: 7 }]);
    expect(t.pending()).toBe(0);
  });

  it("does nothing while nobody listens", () => {
    const t = manualTimer();
    const tap = createLogTap({ timer: t.timer });
    createLogger([tap.sink]).info("unheard");
    expect(t.pending()).toBe(0);
  });
});
