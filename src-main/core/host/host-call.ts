// One host call, the same for both hosts (the Electron shell's ipc-bind.ts and the web host): check the
// method against the contract, validate the arguments, run the handler, validate its result, and answer
// with a HostReply value. A handler's error becomes { reason: "failed", message, fixHint } — the fix
// hint stays its own field on every wire, so no client has to fold it into the message or undo that.
import { hostMethods, isHostMethodName, type HostError, type HostHandlers, type HostReply } from "../../../src-shared/host-api.js";
import { hostFailure } from "../../../src-shared/host-client.js";
import type { Logger } from "../log/logger.js";
import { systemErrorWords } from "../log/system-error.js";

/** A handler error a person can act on: the message and the fix travel to the UI as separate fields. */
export class HandlerError extends Error {
  constructor(
    message: string,
    readonly fixHint?: string,
  ) {
    super(message);
    this.name = "HandlerError";
  }
}

/** Any thrown value as the contract's error: a `fixHint` string on it (HandlerError, ProfileError, …) is kept. */
export function failedCall(e: unknown): HostError {
  // An errno error that reached here unworded (ENOENT, EACCES, …) becomes a sentence with a fix, never Node's text.
  const sys = systemErrorWords(e);
  if (sys) return { reason: "failed", message: `${sys.clause[0]!.toUpperCase()}${sys.clause.slice(1)}.`, fixHint: sys.fixHint };
  const err = e as { message?: unknown; fixHint?: unknown } | null;
  const message = typeof err?.message === "string" ? err.message : String(e);
  return { reason: "failed", message, fixHint: typeof err?.fixHint === "string" && err.fixHint ? err.fixHint : null };
}

export async function callHostMethod(handlers: HostHandlers, method: string, rawArgs: unknown, log: Logger): Promise<HostReply> {
  if (!isHostMethodName(method)) return hostFailure("unknown-method", `unknown host method ${method}`);
  const spec = hostMethods[method];
  const parsed = spec.args.safeParse(Array.isArray(rawArgs) ? rawArgs : []);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(args)"}: ${i.message}`).join("; ");
    return hostFailure("invalid-arguments", `invalid arguments for ${method}: ${issues}`);
  }
  try {
    const fn = handlers[method] as (...a: unknown[]) => unknown;
    return { ok: true, value: spec.result.parse(await fn(...(parsed.data as unknown[]))) };
  } catch (e) {
    const error = failedCall(e);
    log.warn(`${method} failed`, { error: error.message });
    return { ok: false, error };
  }
}
