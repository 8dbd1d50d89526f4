// Host events into the store without one render per event when a reply streams fast (issue 15 §4). A delta
// that arrives when the page has rendered little in this frame is applied at once, so at a gateway's usual
// 50–100 deltas/s each one still reaches the DOM in the task it arrived in. Beyond `perFrame` renders, or
// `budgetMs` spent applying and rendering, in one frame, chat and tool events wait for the next animation
// frame and are applied there together, in order, in one store update: nothing is dropped, only renders
// are saved (at 1,000 deltas/s, 16 arrive per frame). The time of a render is taken up to a microtask queued
// after the store update, which runs after React's own (React renders a store change in a microtask).
// Any other event first applies what waits, so the order of all events is kept. A page that is hidden gets
// no animation frames: a timer applies what waits then.
import type { HostEventMessage } from "../../src-shared/host-api";

export interface FrameClock {
  /** requestAnimationFrame */
  frame(fn: () => void): void;
  /** setTimeout: the fallback when no frame comes (hidden page). */
  later(fn: () => void, ms: number): void;
  /** performance.now and queueMicrotask, to time a render; without them only renders are counted. */
  now?(): number;
  microtask?(fn: () => void): void;
}

/** The events that stream: one run's deltas and tool updates. */
const BATCHED = new Set<HostEventMessage["name"]>(["chat", "chatTool"]);

export interface EventBatcher {
  push(e: HostEventMessage): void;
}

export function eventBatcher(apply: (events: HostEventMessage[]) => void, clock: FrameClock, o: { perFrame?: number; budgetMs?: number; fallbackMs?: number } = {}): EventBatcher {
  const perFrame = o.perFrame ?? 3;
  const budgetMs = o.budgetMs ?? 4;
  const fallbackMs = o.fallbackMs ?? 100;
  let rendered = 0;
  let spent = 0;
  let waiting: HostEventMessage[] = [];
  let armed = false;

  const run = (events: HostEventMessage[]): void => {
    rendered++;
    const t0 = clock.now?.() ?? 0;
    apply(events);
    if (clock.now && clock.microtask) {
      const now = clock.now;
      clock.microtask(() => (spent += now() - t0));
    }
    arm();
  };
  const flush = (): void => {
    if (waiting.length === 0) return;
    const events = waiting;
    waiting = [];
    run(events);
  };
  // One tick per frame (or the fallback timer, whichever comes first): a new frame's budget, then what waits.
  function arm(): void {
    if (armed) return;
    armed = true;
    let ticked = false;
    const tick = () => {
      if (ticked) return;
      ticked = true;
      armed = false;
      rendered = 0;
      spent = 0;
      flush();
    };
    clock.frame(tick);
    clock.later(tick, fallbackMs);
  }

  return {
    push(e) {
      if (!BATCHED.has(e.name)) {
        flush();
        run([e]);
      } else if (waiting.length === 0 && rendered < perFrame && spent < budgetMs) run([e]);
      else {
        waiting.push(e);
        arm();
      }
    },
  };
}
