// Sessions, agents and models of a gateway's chat, as the UI and CLI show them (issue 12 "Chat"). Pure
// readers of the gateway's answers plus thin calls over GatewaySession.request, so the host handlers
// and `clawlink sessions` share them. Sources: docs/gateway/protocol/rpc-session-control.md
// (sessions.create / patch / delete / list), operator-methods.md (`models.list` views), and the
// protocol schema's AgentsListResult.
import type { AgentList, ChatSessionPatch, ModelInfo, NewChatSession } from "../../../src-shared/chat-schema.js";
import { agentOfKey, readableSessionKey } from "../../../src-shared/session-label.js";

export { agentOfKey, readableSessionKey };

export interface ChatSessionRow {
  key: string;
  label: string;
  updatedAt: number | null;
  agentId?: string | null;
  model?: string | null;
}

export type Request = <T = Record<string, unknown>>(method: string, params: unknown) => Promise<T>;
type Row = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
function modelRef(provider: unknown, model: unknown): string | null {
  const p = str(provider);
  const m = str(model);
  if (!m) return null;
  return p && !m.startsWith(`${p}/`) ? `${p}/${m}` : m;
}

/** One sessions.list row (or a patch/create entry): its label, else a readable key (issue 12: never the first message). */
export function sessionRowFrom(s: Row, fallbackKey?: string): ChatSessionRow | null {
  const key = str(s.key) ?? fallbackKey ?? null;
  if (!key) return null;
  const u = s.updatedAt;
  const model = modelRef(s.modelProvider ?? s.providerOverride, s.model ?? s.modelOverride);
  return { key, label: str(s.label) ?? readableSessionKey(key), updatedAt: typeof u === "number" ? u : null, agentId: str(s.agentId) ?? agentOfKey(key), model };
}

export function sessionsFrom(res: { sessions?: unknown }): ChatSessionRow[] {
  const rows = Array.isArray(res.sessions) ? (res.sessions as unknown[]) : [];
  return rows.flatMap((s) => {
    const r = s && typeof s === "object" ? sessionRowFrom(s as Row) : null;
    return r ? [r] : [];
  });
}

export function agentsFrom(res: Row): AgentList {
  const agents = (Array.isArray(res.agents) ? (res.agents as Row[]) : []).flatMap((a) => {
    const id = str(a?.id);
    if (!id) return [];
    const identity = (a.identity && typeof a.identity === "object" ? a.identity : {}) as Row;
    const model = (a.model && typeof a.model === "object" ? a.model : {}) as Row;
    return [{ id, name: str(a.name) ?? str(identity.name), model: str(model.primary) }];
  });
  return { defaultId: str(res.defaultId), agents };
}

export function modelsFrom(res: Row): ModelInfo[] {
  const rows = Array.isArray(res.models) ? (res.models as Row[]) : [];
  return rows.flatMap((m) => {
    const id = str(m?.id);
    if (!id) return [];
    const provider = str(m.provider) ?? "";
    // Clients that do not advertise model-selection-policy get no manualSelectionAllowed; a row that says false is not a choice.
    if (m.manualSelectionAllowed === false) return [];
    return [{ ref: modelRef(provider, id)!, name: str(m.name) ?? id, provider, available: m.available !== false }];
  });
}

/**
 * A refusal from the gateway as a sentence with a fix hint (the host carries `fixHint` to the UI): a
 * missing scope, an unknown model or agent, a label already taken.
 */
export function chatRefusal(e: unknown, action: string): Error & { fixHint?: string } {
  const err = e as { message?: unknown; gatewayCode?: unknown } | null;
  const msg = typeof err?.message === "string" ? err.message : String(e);
  const code = typeof err?.gatewayCode === "string" ? err.gatewayCode : null;
  let fixHint: string | undefined;
  if (/scope|forbidden|not authori[sz]ed|permission/i.test(msg) || code === "FORBIDDEN" || code === "UNAUTHORIZED") {
    fixHint = "This device was not granted the scope this needs (operator.write for sessions and models, operator.admin for privileged overrides). Approve the device's scope upgrade on the gateway host (openclaw devices list, then openclaw devices approve <id>), then reconnect.";
  } else if (/unknown (provider|model)|model .*not (allowed|available|found)/i.test(msg)) {
    fixHint = "Pick one of the models this gateway lists for the session; the gateway's model policy decides which are allowed.";
  } else if (/unknown agent/i.test(msg)) {
    fixHint = "Pick one of the agents this gateway lists.";
  } else if (/label already in use/i.test(msg)) {
    fixHint = "Session names are unique on a gateway: choose another name.";
  } else if (!code) {
    fixHint = "The connection may have dropped; try again once it is connected.";
  }
  const out = new Error(`Could not ${action}: ${msg}`) as Error & { fixHint?: string };
  if (fixHint) out.fixHint = fixHint;
  return out;
}

async function refusing<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw chatRefusal(e, action);
  }
}

export const listSessions = (req: Request, limit = 100) => refusing("list the sessions", async () => sessionsFrom(await req("sessions.list", { limit })));
export const listAgents = (req: Request) => refusing("list the agents", async () => agentsFrom(await req("agents.list", {})));
export const listModels = (req: Request, agentId: string | null) =>
  refusing("list the models", async () => modelsFrom(await req("models.list", agentId ? { agentId } : {})));

export function createSession(req: Request, input: NewChatSession): Promise<ChatSessionRow> {
  return refusing("create the session", async () => {
    const res = await req<Row>("sessions.create", { ...(input.label ? { label: input.label } : {}), ...(input.agentId ? { agentId: input.agentId } : {}) });
    const entry = (res.entry && typeof res.entry === "object" ? res.entry : {}) as Row;
    const resolved = (res.resolved ?? {}) as Row;
    return sessionRowFrom({ ...entry, key: res.key, modelProvider: resolved.modelProvider, model: resolved.model })!;
  });
}

/** Rename and/or pick the model (sessions.patch reports the resolved canonical model). */
export function patchSession(req: Request, key: string, patch: ChatSessionPatch): Promise<ChatSessionRow> {
  const action = patch.model !== undefined ? "change the session's model" : "rename the session";
  return refusing(action, async () => {
    const params: Row = { key };
    if (patch.label !== undefined) params.label = patch.label;
    if (patch.model !== undefined) params.model = patch.model;
    const res = await req<Row>("sessions.patch", params);
    const entry = (res.entry && typeof res.entry === "object" ? res.entry : {}) as Row;
    const resolved = (res.resolved ?? {}) as Row;
    return sessionRowFrom({ ...entry, key, modelProvider: resolved.modelProvider, model: resolved.model })!;
  });
}

export function deleteSession(req: Request, key: string): Promise<{ deleted: boolean }> {
  return refusing("delete the session", async () => {
    const res = await req<Row>("sessions.delete", { key });
    return { deleted: res.deleted === true };
  });
}
