import { describe, expect, it } from "vitest";
import { appendCapped, copyText, filterLog, formatLogLine, levelAtLeast, profileOfScope, tailReceive, tailSetPaused, type LogLine, type TailState } from "./log-view.js";

const line = (ts: number, level: LogLine["level"], scope: string, msg = `m${ts}`): LogLine => ({ ts, level, scope, msg });

describe("the live log view (pure)", () => {
  it("finds the profile of a connection's records, and none for the app's own", () => {
    expect(profileOfScope("clawlink.conn.vps")).toBe("vps");
    expect(profileOfScope("clawlink.conn.vps.tunnel")).toBe("vps");
    expect(profileOfScope("clawlink.host")).toBeNull();
    expect(profileOfScope("clawlink.reconnect")).toBeNull();
  });

  it("filters by the lowest level and by profile; null profile shows every line", () => {
    const lines = [line(1, "debug", "clawlink.conn.a"), line(2, "info", "clawlink.conn.a"), line(3, "warn", "clawlink.conn.b"), line(4, "error", "clawlink.host")];
    expect(levelAtLeast("warn", "info")).toBe(true);
    expect(levelAtLeast("debug", "info")).toBe(false);
    expect(filterLog(lines, { level: "info", profileId: null }).map((l) => l.ts)).toEqual([2, 3, 4]);
    expect(filterLog(lines, { level: "debug", profileId: "a" }).map((l) => l.ts)).toEqual([1, 2]);
    expect(filterLog(lines, { level: "warn", profileId: "a" })).toEqual([]);
  });

  it("keeps the newest lines up to the cap, and a record read from the file and heard live only once", () => {
    const a = [line(1, "info", "s"), line(2, "info", "s")];
    expect(appendCapped(a, [line(2, "info", "s"), line(3, "info", "s")]).map((l) => l.ts)).toEqual([1, 2, 3]);
    expect(appendCapped(a, [line(3, "info", "s"), line(4, "info", "s")], 3).map((l) => l.ts)).toEqual([2, 3, 4]);
  });

  it("while paused holds new lines and shows them all on resume, in order", () => {
    let t: TailState = { shown: [line(1, "info", "s")], held: [], paused: false };
    t = tailSetPaused(t, true);
    t = tailReceive(t, [line(2, "info", "s"), line(3, "info", "s")]);
    expect(t.shown.map((l) => l.ts)).toEqual([1]);
    expect(t.held).toHaveLength(2);
    t = tailSetPaused(t, false);
    expect(t.shown.map((l) => l.ts)).toEqual([1, 2, 3]);
    expect(t.held).toEqual([]);
  });

  it("copies what the filter shows, one formatted line each", () => {
    const lines = [{ ...line(Date.UTC(2026, 11, 2, 9, 0, 0), "warn", "clawlink.conn.a", "tunnel dropped"), fields: { attempt: 2 } }, line(5, "debug", "clawlink.conn.a")];
    expect(formatLogLine(lines[0]!)).toBe('2026-12-02T09:00:00.000Z warn  clawlink.conn.a: tunnel dropped {"attempt":2}');
    expect(copyText(lines, { level: "info", profileId: "a" })).toBe('2026-12-02T09:00:00.000Z warn  clawlink.conn.a: tunnel dropped {"attempt":2}');
  });
});
