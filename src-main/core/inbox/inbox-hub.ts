// One inbox across every live connection: a GatewayInbox follows each connection the orchestrator runs
// (a connection restarted with new settings gets a fresh one), and their models are combined into one
// InboxSnapshot, newest first. It also says which items are new to this process, once each, for
// notifications (an item replayed after a reconnect is not new again).
import type { GatewayInbox as GatewayInboxView, InboxAnswerOutcome, InboxItem, InboxSnapshot, ApprovalDecision } from "../../../src-shared/inbox.js";
import type { Logger } from "../log/logger.js";
import type { PairingDecision } from "./inbox-answer.js";
import { GatewayInbox, type InboxSource } from "./gateway-inbox.js";
import { isLive, missingScopes, kindsGranted, type InboxModel } from "./inbox-state.js";

/** The orchestrator as the hub sees it (Orchestrator satisfies it). */
export interface HubSource {
  on(l: (e: { type: string; id?: string; snapshot?: { id: string; name: string } }) => void): () => void;
  get(id: string): (InboxSource & { spec: { name: string } }) | undefined;
  snapshots(): readonly { id: string; name: string }[];
}

export type HubEvent = { type: "inbox"; snapshot: InboxSnapshot } | { type: "inbox-new"; items: InboxItem[] };

/** Remembered item keys for "new" (bounded: oldest forgotten first). */
const SEEN_KEPT = 2_000;

export class InboxHub {
  private readonly inboxes = new Map<string, { source: InboxSource; inbox: GatewayInbox; off: () => void }>();
  private readonly listeners = new Set<(e: HubEvent) => void>();
  private readonly seen = new Set<string>();
  private seq = 0;
  private snap: InboxSnapshot = { items: [], gateways: [], resolved: [], seq: 0 };
  private readonly off: () => void;

  constructor(
    private readonly source: HubSource,
    private readonly deps: { logger: Logger; now?: () => number },
  ) {
    this.off = source.on((e) => {
      if (e.type === "removed" && e.id) this.drop(e.id);
      else if (e.type === "connection" && e.snapshot) this.track(e.snapshot.id);
    });
    for (const s of source.snapshots()) this.track(s.id);
  }

  on(l: (e: HubEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get snapshot(): InboxSnapshot {
    return this.snap;
  }

  /** The inbox of one connection, for answering its items. */
  inbox(connectionId: string): GatewayInbox | null {
    return this.inboxes.get(connectionId)?.inbox ?? null;
  }

  answerExec(connectionId: string, id: string, decision: ApprovalDecision, reason?: string): Promise<InboxAnswerOutcome> {
    const inbox = this.inbox(connectionId);
    return inbox ? inbox.answerExec(id, decision, reason) : Promise.resolve(notConnected(connectionId));
  }

  answerPairing(connectionId: string, id: string, decision: PairingDecision): Promise<InboxAnswerOutcome> {
    const inbox = this.inbox(connectionId);
    return inbox ? inbox.answerPairing(id, decision) : Promise.resolve(notConnected(connectionId));
  }

  dispose(): void {
    this.off();
    for (const id of [...this.inboxes.keys()]) this.drop(id, false);
    this.listeners.clear();
  }

  private track(id: string): void {
    const sup = this.source.get(id);
    if (!sup) return;
    const had = this.inboxes.get(id);
    if (had?.source === sup) return;
    if (had) this.drop(id, false);
    const inbox = new GatewayInbox({ connectionId: id, gatewayName: sup.spec.name }, sup, { logger: this.deps.logger.child(`inbox.${id}`), now: this.deps.now });
    const off = inbox.onChange((m) => this.changed(m));
    this.inboxes.set(id, { source: sup, inbox, off });
    this.changed(inbox.snapshot);
  }

  private drop(id: string, publish = true): void {
    const had = this.inboxes.get(id);
    if (!had) return;
    had.off();
    had.inbox.dispose();
    this.inboxes.delete(id);
    if (publish) this.publish();
  }

  private changed(m: InboxModel): void {
    const fresh = m.items.filter((x) => !this.seen.has(keyOf(x)));
    for (const x of fresh) this.remember(keyOf(x));
    this.publish();
    if (fresh.length) for (const l of this.listeners) l({ type: "inbox-new", items: fresh });
  }

  private remember(key: string): void {
    this.seen.add(key);
    if (this.seen.size > SEEN_KEPT) this.seen.delete(this.seen.values().next().value as string);
  }

  private publish(): void {
    this.snap = combine([...this.inboxes.values()].map((x) => x.inbox.snapshot), ++this.seq);
    for (const l of this.listeners) l({ type: "inbox", snapshot: this.snap });
  }
}

const keyOf = (x: InboxItem) => `${x.connectionId}\u0000${x.kind}\u0000${x.id}`;

function notConnected(connectionId: string): InboxAnswerOutcome {
  return { kind: "offline", message: `No live connection "${connectionId}": connect it first, then answer the request.` };
}

/** Every gateway's model → one snapshot: items and resolved newest first. */
export function combine(models: readonly InboxModel[], seq: number): InboxSnapshot {
  const items = models.flatMap((m) => m.items).sort((a, b) => b.createdAt - a.createdAt);
  const resolved = models.flatMap((m) => m.resolved).sort((a, b) => b.at - a.at).slice(0, 50);
  const gateways: GatewayInboxView[] = models.map((m) => {
    const kinds = kindsGranted(m.scopes);
    return {
      connectionId: m.connectionId,
      gatewayName: m.gatewayName,
      live: isLive(m),
      canApprove: kinds.includes("exec"),
      canPair: kinds.includes("pairing"),
      missingScopes: missingScopes(m.scopes),
      problem: m.problem,
      pending: m.items.length,
    };
  });
  return { items, gateways, resolved, seq };
}
