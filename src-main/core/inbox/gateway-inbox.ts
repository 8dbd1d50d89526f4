// The effect runner for one gateway's inbox: it follows whichever session a connection runs (a
// reconnect brings a new session or a new generation: the inbox starts empty and lists again), feeds
// the session's approval and pairing events into the pure reducer (inbox-state.ts), runs the lists it
// asks for, drops items when they expire, and answers items on the gateway (inbox-answer.ts).
// Event names and methods: docs/gateway/protocol/rpc-devices-nodes-and-approvals.md, docs/gateway/clients.md.
import type { ApprovalDecision, InboxAnswerOutcome, InboxItemKind } from "../../../src-shared/inbox.js";
import type { SessionSnapshot } from "../../../src-shared/gateway-session.js";
import type { Logger } from "../log/logger.js";
import { outcomeOfError, precheck, resolveRequest, type PairingDecision } from "./inbox-answer.js";
import { execItemFrom, execResolvedFrom, listEntries, pairingItemFrom, pairingResolvedFrom, type Origin } from "./inbox-parse.js";
import { APPROVALS_SCOPE, PAIRING_SCOPE, YOU, hasScope, initialInbox, isLive, nextExpiry, reduceInbox, type InboxEffect, type InboxEvent, type InboxModel } from "./inbox-state.js";

/** What the inbox needs of a gateway session (GatewaySession satisfies it). */
export interface InboxSession {
  readonly snapshot: SessionSnapshot;
  readonly deviceId: string | null;
  request<T = unknown>(method: string, params?: unknown, opts?: { timeoutMs?: number }): Promise<T>;
  send(sessionKey: string, text: string): unknown;
}

/** The session events the inbox reads (a subset of GatewaySessionEvent). */
export type InboxSourceEvent =
  | { type: "state"; snapshot: SessionSnapshot }
  | { type: "gateway-event"; event: string; payload: unknown }
  | { type: "outbox"; entries: readonly { idempotencyKey: string; state: string }[] }
  | { type: string };

/** How long a deny reason may take to reach the gateway before the answer returns anyway (it stays queued). */
const REASON_SEND_WAIT_MS = 10_000;

export interface InboxSource {
  /** The session running now, if any. */
  readonly session: InboxSession | null;
  onSessionEvent(l: (e: InboxSourceEvent) => void): () => void;
}

export interface GatewayInboxDeps {
  logger: Logger;
  now?: () => number;
}

const LIST_METHOD: Record<InboxItemKind, string> = { exec: "exec.approval.list", pairing: "device.pair.list" };

export class GatewayInbox {
  private model: InboxModel;
  private readonly listeners = new Set<(m: InboxModel) => void>();
  private readonly now: () => number;
  private off: (() => void) | null = null;
  /** Which session and generation the current epoch belongs to. */
  private current: { session: InboxSession; generation: number } | null = null;
  private epoch = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly origin: Origin,
    private readonly source: InboxSource,
    private readonly deps: GatewayInboxDeps,
  ) {
    this.model = initialInbox(origin.connectionId, origin.gatewayName);
    this.now = deps.now ?? Date.now;
    this.off = source.onSessionEvent((e) => this.onSessionEvent(e));
    const s = source.session;
    if (s?.snapshot.phase === "connected") this.follow(s, s.snapshot);
  }

  get snapshot(): InboxModel {
    return this.model;
  }

  onChange(l: (m: InboxModel) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  dispose(): void {
    this.off?.();
    this.off = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private onSessionEvent(e: InboxSourceEvent): void {
    const session = this.source.session;
    if (e.type === "state" && "snapshot" in e) {
      if (e.snapshot.phase === "connected" && session) this.follow(session, e.snapshot);
      else if (e.snapshot.phase !== "connected" && this.current) {
        this.current = null;
        this.dispatch({ type: "disconnected" });
      }
      return;
    }
    if (e.type !== "gateway-event" || !("event" in e) || !this.current || session !== this.current.session) return;
    this.onGatewayEvent(e.event, e.payload);
  }

  /** A hello on a session (new, or a new generation of it): a new epoch, listed afresh. */
  private follow(session: InboxSession, snap: SessionSnapshot): void {
    if (this.current?.session === session && this.current.generation === snap.generation) return;
    this.current = { session, generation: snap.generation };
    this.epoch++;
    this.dispatch({ type: "connected", generation: this.epoch, scopes: snap.connected?.scopes ?? [] });
  }

  private onGatewayEvent(event: string, payload: unknown): void {
    const g = this.epoch;
    const now = this.now();
    switch (event) {
      case "exec.approval.requested": {
        const item = execItemFrom(payload, this.origin, now);
        if (item) this.dispatch({ type: "requested", generation: g, item });
        return;
      }
      case "exec.approval.resolved": {
        const r = execResolvedFrom(payload);
        if (r) this.dispatch({ type: "resolved", generation: g, kind: "exec", id: r.id, decision: r.decision, by: r.by, at: r.at ?? now });
        return;
      }
      case "device.pair.requested": {
        const item = pairingItemFrom(payload, this.origin, now);
        // Our own pending pairing is shown as the connection's state, not as an inbox item.
        if (item && item.deviceId !== this.current?.session.deviceId) this.dispatch({ type: "requested", generation: g, item });
        return;
      }
      case "device.pair.resolved": {
        const r = pairingResolvedFrom(payload);
        if (r) this.dispatch({ type: "resolved", generation: g, kind: "pairing", id: r.id, decision: r.decision, by: null, at: r.at ?? now });
        return;
      }
    }
  }

  private dispatch(e: InboxEvent): void {
    const { model, effects } = reduceInbox(this.model, e);
    if (model !== this.model) {
      this.model = model;
      this.armExpiry();
      for (const l of this.listeners) l(model);
    }
    for (const fx of effects) void this.run(fx);
  }

  private async run(fx: InboxEffect): Promise<void> {
    const session = this.current?.session;
    if (!session) return;
    try {
      const result = await session.request(LIST_METHOD[fx.kind], {});
      const now = this.now();
      const own = session.deviceId;
      const items =
        fx.kind === "exec"
          ? listEntries(result).map((x) => execItemFrom(x, this.origin, now))
          : listEntries(result, "pending").map((x) => pairingItemFrom(x, this.origin, now)).filter((x) => x?.deviceId !== own);
      this.dispatch({ type: "listed", generation: fx.generation, kind: fx.kind, items: items.filter((x) => x !== null), now });
    } catch (err) {
      this.deps.logger.warn("inbox list failed", { method: LIST_METHOD[fx.kind], error: err });
      this.dispatch({ type: "list-failed", generation: fx.generation, kind: fx.kind, message: `Could not list ${fx.kind === "exec" ? "exec approvals" : "pairing requests"}: ${(err as Error).message}` });
    }
  }

  /** One timer for the soonest expiry: an expired approval leaves the inbox on time, event or not. */
  private armExpiry(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const at = nextExpiry(this.model);
    if (at === null) return;
    this.timer = setTimeout(() => this.dispatch({ type: "tick", now: this.now() }), Math.max(0, at - this.now()) + 5);
    this.timer.unref?.();
  }

  /** Allow once / allow always / deny an exec approval. A deny reason goes to the agent's session as a message. */
  async answerExec(id: string, decision: ApprovalDecision, reason?: string): Promise<InboxAnswerOutcome> {
    const gate = this.gate(APPROVALS_SCOPE);
    if (gate) return gate;
    const item = this.model.items.find((x) => x.kind === "exec" && x.id === id) ?? null;
    const early = precheck(item, decision) ?? (item ? null : await this.alreadyResolved(id));
    if (early) return early;
    const outcome = await this.send("exec", id, resolveRequest("exec", id, decision));
    const sessionKey = item?.kind === "exec" ? item.sessionKey : null;
    // The protocol's resolve has no reason field (ExecApprovalResolveParams): the agent hears it in chat.
    if (outcome.kind === "done" && decision === "deny" && reason?.trim() && sessionKey && this.current) {
      const told = await this.tellAgent(this.current.session, sessionKey, `I denied \`${item?.kind === "exec" ? item.command : id}\`: ${reason.trim()}`);
      return { ...outcome, reason: told };
    }
    return outcome;
  }

  /**
   * An id we do not hold as pending (another process listed it, or it left): the gateway's own record
   * (approval.get) says whether it was already answered, so a repeat is "already resolved" even where
   * resolve itself would accept the same decision twice.
   */
  private async alreadyResolved(id: string): Promise<InboxAnswerOutcome | null> {
    try {
      const rec = (await this.current!.session.request("approval.get", { id })) as { approval?: { status?: unknown; decision?: unknown; resolver?: { id?: unknown } } } | null;
      const a = rec?.approval;
      if (!a || typeof a.status !== "string" || a.status === "pending") return null;
      const by = typeof a.resolver?.id === "string" ? ` by ${a.resolver.id}` : "";
      const what = a.status === "expired" ? "it expired" : `${typeof a.decision === "string" ? a.decision : a.status}${by}`;
      return { kind: "already-resolved", message: `${id} was already resolved (${what}).` };
    } catch {
      return null; // unknown here too: resolve says so with its own reason
    }
  }

  /** Sends through the session's outbox (exactly once, survives a restart) and waits until it left. */
  private tellAgent(session: InboxSession, sessionKey: string, text: string): Promise<"sent" | "queued" | "failed"> {
    const key = (session.send(sessionKey, text) as { idempotencyKey?: unknown } | null)?.idempotencyKey;
    if (typeof key !== "string") return Promise.resolve("queued");
    return new Promise((resolve) => {
      const timer = setTimeout(() => (off(), resolve("queued")), REASON_SEND_WAIT_MS);
      const off = this.source.onSessionEvent((e) => {
        if (e.type !== "outbox" || !("entries" in e)) return;
        const x = e.entries.find((k) => k.idempotencyKey === key);
        if (!x || x.state === "queued" || x.state === "sending") return;
        clearTimeout(timer);
        off();
        resolve(x.state === "failed" ? "failed" : "sent");
      });
    });
  }

  async answerPairing(id: string, decision: PairingDecision): Promise<InboxAnswerOutcome> {
    const gate = this.gate(PAIRING_SCOPE);
    if (gate) return gate;
    return this.send("pairing", id, resolveRequest("pairing", id, decision));
  }

  private gate(scope: string): InboxAnswerOutcome | null {
    if (!this.current) return { kind: "offline", message: `${this.origin.gatewayName} is not connected; the request can be answered once it is.` };
    if (!hasScope(this.model.scopes, scope)) {
      return { kind: "scope-missing", scope, message: `${this.origin.gatewayName} did not grant ${scope} to this device, so it cannot answer ${scope === PAIRING_SCOPE ? "pairing requests" : "approvals"}.` };
    }
    return null;
  }

  private async send(kind: InboxItemKind, id: string, req: { method: string; params: Record<string, unknown> }): Promise<InboxAnswerOutcome> {
    const session = this.current!.session;
    const g = this.epoch;
    try {
      await session.request(req.method, req.params);
      // Leave the inbox now; the gateway's resolved event that follows finds nothing left to do.
      const decision = req.method === "device.pair.approve" ? "approved" : req.method === "device.pair.reject" ? "rejected" : String(req.params.decision);
      this.dispatch({ type: "resolved", generation: g, kind, id, decision, by: YOU, at: this.now() });
      return { kind: "done", item: id };
    } catch (err) {
      const gone = this.model.resolved.find((r) => r.kind === kind && r.id === id) ?? null;
      const outcome = outcomeOfError(err, id, gone);
      // device.pair.approve/reject name no reason for an unknown id (INVALID_REQUEST only): ask the list.
      if (kind === "pairing" && outcome.kind === "failed" && (await this.pairingPending(session, id)) === false) {
        return gone ? { kind: "already-resolved", message: `${id} was already resolved (${gone.decision}).` } : { kind: "unknown-id", message: `The gateway has no pending pairing request ${id}: it was answered, expired, or the device gave up.` };
      }
      return outcome;
    }
  }

  private async pairingPending(session: InboxSession, id: string): Promise<boolean | null> {
    try {
      return listEntries(await session.request(LIST_METHOD.pairing, {}), "pending").some((x) => (x as { requestId?: unknown })?.requestId === id);
    } catch {
      return null;
    }
  }

  /** For the hub: is the inbox replayed and current? */
  get live(): boolean {
    return isLive(this.model);
  }
}
