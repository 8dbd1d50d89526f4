import { describe, expect, it } from "vitest";
import type { HostEventMessage } from "../../src-shared/host-api";
import { eventBatcher, type FrameClock } from "./event-batch";

const delta = (i: number): HostEventMessage => ({ name: "chat", payload: { profileId: "p", event: { sessionKey: "s", runId: "r", state: "delta", text: `w${i}` } } });
const other: HostEventMessage = { name: "prompts", payload: [] };

/** A frame clock the test advances: frame() callbacks run on nextFrame(), timers on fire(). */
function manualClock(): FrameClock & { nextFrame(): void; fire(): void } {
  let frames: Array<() => void> = [];
  let timers: Array<() => void> = [];
  return {
    frame: (fn) => void frames.push(fn),
    later: (fn) => void timers.push(fn),
    nextFrame() {
      const f = frames;
      frames = [];
      f.forEach((fn) => fn());
    },
    fire() {
      const t = timers;
      timers = [];
      t.forEach((fn) => fn());
    },
  };
}

function setup(perFrame = 3) {
  const clock = manualClock();
  const applied: HostEventMessage[][] = [];
  const b = eventBatcher((ev) => applied.push(ev), clock, { perFrame });
  const texts = () => applied.flat().map((e) => (e.name === "chat" ? e.payload.event.text : e.name));
  return { clock, applied, b, texts };
}

describe("eventBatcher (host events → store, at most a few renders per frame)", () => {
  it("at 100 deltas/s (under one per frame) every delta is applied the moment it arrives", () => {
    const { clock, applied, b } = setup();
    for (let i = 0; i < 10; i++) {
      b.push(delta(i));
      expect(applied.length).toBe(i + 1);
      if (i % 2) clock.nextFrame();
    }
  });

  it("a burst within one frame: the first three at once, the rest together in the next frame, none lost, in order", () => {
    const { clock, applied, b, texts } = setup();
    for (let i = 0; i < 16; i++) b.push(delta(i));
    expect(applied.length).toBe(3);
    clock.nextFrame();
    expect(applied.length).toBe(4);
    expect(applied[3]!.length).toBe(13);
    expect(texts()).toEqual(Array.from({ length: 16 }, (_, i) => `w${i}`));
  });

  it("any other event first applies the deltas that wait, so the order of all events is kept", () => {
    const { applied, b, texts } = setup(1);
    b.push(delta(0));
    b.push(delta(1));
    b.push(other);
    expect(texts()).toEqual(["w0", "w1", "prompts"]);
    expect(applied.length).toBe(3);
  });

  it("renders that take long use up the frame's budget sooner: after 4 ms spent, the next deltas wait for the frame", () => {
    const clock = manualClock();
    let t = 0;
    const micro: Array<() => void> = [];
    const applied: HostEventMessage[][] = [];
    const b = eventBatcher((ev) => ((t += 3), applied.push(ev)), { ...clock, now: () => t, microtask: (fn) => void micro.push(fn) });
    const settle = () => micro.splice(0).forEach((fn) => fn());
    b.push(delta(0));
    settle();
    b.push(delta(1));
    settle();
    b.push(delta(2));
    expect(applied.length).toBe(2);
    clock.nextFrame();
    expect(applied.flat().length).toBe(3);
  });

  it("a hidden page (no animation frames) still gets what waits, from the fallback timer", () => {
    const { clock, b, texts } = setup(1);
    b.push(delta(0));
    b.push(delta(1));
    expect(texts()).toEqual(["w0"]);
    clock.fire();
    expect(texts()).toEqual(["w0", "w1"]);
  });
});
