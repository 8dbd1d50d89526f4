import { describe, expect, it } from "vitest";
import { connectionSnapshot } from "../../../src-shared/testing/connection-snapshot.js";
import type { Attention } from "../../../src-shared/attention.js";
import { stateLogLine } from "./state-log.js";

const attention: Attention = { reason: "tcp-refused", message: "The gateway did not answer", fixHint: "Check it runs." };

describe("one log line per connection state change", () => {
  it("says the first state, then each change with what it came from", () => {
    const a = connectionSnapshot({ state: "connecting" });
    const b = connectionSnapshot({ state: "connected", layer: "gateway" });
    expect(stateLogLine(null, a)).toEqual({ level: "info", msg: "connecting" });
    expect(stateLogLine(a, b)).toEqual({ level: "info", msg: "connecting → connected" });
  });

  it("is silent while the state and the attempt stay (a step or a timer changed the snapshot)", () => {
    const a = connectionSnapshot({ state: "connecting" });
    expect(stateLogLine(a, connectionSnapshot({ state: "connecting", updatedAt: a.updatedAt + 5 }))).toBeNull();
  });

  it("a reconnect says its attempt and why; each new attempt is a line", () => {
    const r1 = connectionSnapshot({ state: "reconnecting", attempt: 1, attention } as never);
    const r2 = connectionSnapshot({ state: "reconnecting", attempt: 2, attention } as never);
    expect(stateLogLine(connectionSnapshot({ state: "connected", layer: "gateway" }), r1)?.msg).toBe("connected → reconnecting (attempt 1): The gateway did not answer (tcp-refused)");
    expect(stateLogLine(r1, r2)?.msg).toBe("reconnecting → reconnecting (attempt 2): The gateway did not answer (tcp-refused)");
  });

  it("needs-attention is a warning", () => {
    expect(stateLogLine(null, connectionSnapshot({ state: "needs-attention", attention } as never))?.level).toBe("warn");
  });
});
