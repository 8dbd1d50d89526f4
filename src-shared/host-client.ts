// The one host client, built from the contract's method and event names (host-api-names.ts, the keys of
// host-api.ts's tables, without zod). Both hosts make
// window.clawlink with createHostBridge over their own wire — the Electron preload over IPC, the web
// host's served script (web-host-client.ts) over its WebSocket — so the two cannot drift apart, and
// every method answers with a HostReply value: { ok: true, value } or { ok: false, error: { reason,
// message, fixHint } }. Plain data crosses Electron's contextBridge whole (an Error would lose its fix
// hint there). The renderer turns the bridge into promise-returning calls with hostApiFrom; a failure
// rejects with a HostCallError that still holds the same three fields.
import type { HostApi, HostBridge, HostError, HostErrorReason, HostEventName, HostMethodName, HostReply } from "./host-api.js";
import { HOST_EVENT_NAMES, HOST_METHOD_NAMES, isHostEventName } from "./host-api-names.js";

/** How a bridge reaches its host: one call, one answer; events by name. */
export interface HostTransport {
  call(method: HostMethodName, args: unknown[]): Promise<HostReply>;
  listen(event: HostEventName, listener: (payload: unknown) => void): () => void;
}

export const hostMethodNames: readonly HostMethodName[] = HOST_METHOD_NAMES;
export const hostEventNames: readonly HostEventName[] = HOST_EVENT_NAMES;

export function hostFailure(reason: HostErrorReason, message: string, fixHint?: string | null): { ok: false; error: HostError } {
  return { ok: false, error: { reason, message, fixHint: fixHint ?? null } };
}

/** window.clawlink: one function per contract method and `on` for the contract's events, nothing else. */
export function createHostBridge(transport: HostTransport): HostBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of hostMethodNames) {
    // A transport that throws (no IPC handler, a closed socket) still answers with a value.
    bridge[name] = (...args: unknown[]) => transport.call(name, args).catch((e: unknown) => hostFailure("host-lost", e instanceof Error ? e.message : String(e)));
  }
  bridge.on = (event: string, listener: (payload: unknown) => void) => {
    if (!isHostEventName(event)) throw new Error(`unknown host event ${String(event)}`);
    return transport.listen(event, listener);
  };
  return bridge as HostBridge;
}

/** A refused or failed host call on the renderer's side: the HostError fields on a real Error. */
export class HostCallError extends Error {
  readonly reason: HostErrorReason;
  readonly fixHint: string | null;
  constructor(error: HostError) {
    super(error.message);
    this.name = "HostCallError";
    this.reason = error.reason;
    this.fixHint = error.fixHint;
  }
}

/** The renderer's API over a bridge: a method resolves to its value or rejects with a HostCallError. */
export function hostApiFrom(bridge: HostBridge): HostApi {
  const api: Record<string, unknown> = {};
  const calls = bridge as unknown as Record<HostMethodName, (...args: unknown[]) => Promise<HostReply>>;
  for (const name of hostMethodNames) {
    api[name] = async (...args: unknown[]) => {
      const reply = await calls[name](...args);
      if (reply.ok) return reply.value;
      throw new HostCallError(reply.error);
    };
  }
  const on = bridge.on as (event: HostEventName, listener: (payload: unknown) => void) => () => void;
  api.on = (event: HostEventName, listener: (payload: unknown) => void) => on(event, listener);
  return api as HostApi;
}

/** What the UI shows for a failed call: the message, then the fix hint when there is one. */
export function hostErrorText(e: unknown): string {
  if (e instanceof HostCallError) return e.fixHint ? `${e.message} ${e.fixHint}` : e.message;
  return e instanceof Error ? e.message : String(e);
}
