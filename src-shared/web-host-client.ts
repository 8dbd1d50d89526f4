// The web host's wire for the one host client (host-client.ts): call frames over this origin's
// WebSocket, answers matched by id, events by name. It replaces the hand-written ES5 copy of the preload
// the web host used to ship; scripts/build.mjs bundles web-host-client-main.ts (which installs it) into
// out/renderer/clawlink-host.js, the script the web host puts ahead of the app. Written against the small
// socket shape below rather than the DOM, so src-shared stays free of browser types and the unit tests
// drive it with a fake socket.
import type { HostEventName, HostMethodName, HostReply, WebHostFrame } from "./host-api.js";
import { WEB_HOST_API_PATH } from "./host-api-names.js";
import { hostFailure, type HostTransport } from "./host-client.js";

/** The part of a browser WebSocket this client uses. */
export interface SocketLike {
  send(data: string): void;
  onopen: (() => void) | null;
  onmessage: ((m: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
}

export interface WebSocketTransportDeps {
  open(): SocketLike;
  /** setTimeout; the reconnect waits 200 ms × attempt, at most 5 s. */
  later(fn: () => void, ms: number): void;
}

export const HOST_LOST_MESSAGE = "The connection to the Clawlink host was lost.";

/** The WebSocket address of the host API for a page served from `host` (location.host). */
export function hostSocketUrl(host: string): string {
  return `ws://${host}${WEB_HOST_API_PATH}`;
}

/** Calls wait for the socket (queued while it is not open); the socket comes back by itself after a drop,
 *  and the UI hears hostConnection false on the drop and true when it is back (it then reloads state). */
export function webSocketTransport(deps: WebSocketTransportDeps): HostTransport & { start(): void } {
  let ws: SocketLike | null = null;
  let isOpen = false;
  let everOpen = false;
  let nextId = 1;
  let attempt = 0;
  const pending = new Map<number, (r: HostReply) => void>();
  let queue: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const dispatch = (name: string, payload: unknown): void => {
    for (const l of listeners.get(name) ?? []) {
      try {
        l(payload);
      } catch (e) {
        console.error(e);
      }
    }
  };

  const onFrame = (data: unknown): void => {
    let f: WebHostFrame;
    try {
      f = JSON.parse(String(data)) as WebHostFrame;
    } catch {
      return;
    }
    if (f.t === "result") {
      const resolve = pending.get(f.id);
      if (!resolve) return;
      pending.delete(f.id);
      resolve(f.ok ? { ok: true, value: f.value } : { ok: false, error: f.error });
    } else if (f.t === "event" && listeners.has(f.name)) dispatch(f.name, f.payload);
  };

  const connect = (): void => {
    const s = deps.open();
    ws = s;
    s.onopen = () => {
      isOpen = true;
      attempt = 0;
      const q = queue;
      queue = [];
      for (const frame of q) s.send(frame);
      if (everOpen) dispatch("hostConnection", { connected: true });
      everOpen = true;
    };
    s.onmessage = (m) => onFrame(m.data);
    s.onclose = () => {
      const was = isOpen;
      isOpen = false;
      for (const resolve of pending.values()) resolve(hostFailure("host-lost", HOST_LOST_MESSAGE));
      pending.clear();
      if (was) dispatch("hostConnection", { connected: false });
      attempt++;
      deps.later(connect, Math.min(5000, 200 * attempt));
    };
  };

  return {
    start: connect,
    call(method: HostMethodName, args: unknown[]): Promise<HostReply> {
      return new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        const frame = JSON.stringify({ t: "call", id, method, args } satisfies WebHostFrame);
        if (isOpen && ws) ws.send(frame);
        else queue.push(frame);
      });
    },
    listen(event: HostEventName, listener: (payload: unknown) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
