// The operator inbox as the UI, tray and CLI see it: what the gateways ask of a person (exec approvals,
// device pairing requests from other devices), across every connected gateway at once. Plain data only;
// the core keeps one model per connection (core/inbox/inbox-state.ts) and combines them here.
// Protocol: docs/gateway/protocol/rpc-devices-nodes-and-approvals.md, docs/tools/exec-approvals.md
// (in the gateway fixture's openclaw package).

export type ApprovalDecision = "allow-once" | "allow-always" | "deny";
export const APPROVAL_DECISIONS: readonly ApprovalDecision[] = ["allow-once", "allow-always", "deny"];

interface ItemBase {
  /** The gateway's own id: an approval id, or a pairing request id. */
  id: string;
  /** Which connection (profile id or CLI target) it came from, and its name. */
  connectionId: string;
  gatewayName: string;
  /** When the gateway created it (ms since epoch). */
  createdAt: number;
}

export interface ExecApprovalItem extends ItemBase {
  kind: "exec";
  /** Exactly as it will run: shown whole, never shortened (a hidden `; rm -rf` must stay visible). */
  command: string;
  cwd: string | null;
  /** Where it runs: "gateway", "node", "sandbox". */
  host: string | null;
  nodeId: string | null;
  agentId: string | null;
  sessionKey: string | null;
  /** The binary the gateway resolved the command to, when it did. */
  resolvedPath: string | null;
  /** Who or what asked: the turn's channel ("webchat", "telegram", "cron", ...). */
  requestedVia: string | null;
  /** The gateway's own warnings about this command (risky constructs, nested commands). */
  warnings: string[];
  /** Decisions the gateway accepts for this request (allow-always is off when policy is ask=always). */
  allowedDecisions: ApprovalDecision[];
  expiresAt: number;
}

export interface PairingRequestItem extends ItemBase {
  kind: "pairing";
  deviceId: string;
  displayName: string | null;
  platform: string | null;
  deviceFamily: string | null;
  clientId: string | null;
  role: string | null;
  scopes: string[];
  remoteIp: string | null;
  /** A device that was paired before asks again (new key, or more scopes). */
  isRepair: boolean;
}

export type InboxItem = ExecApprovalItem | PairingRequestItem;
export type InboxItemKind = InboxItem["kind"];

/** An item that left the inbox, and why: shown briefly so a person sees it was handled elsewhere. */
export interface ResolvedItem {
  id: string;
  kind: InboxItemKind;
  connectionId: string;
  gatewayName: string;
  /** What was asked, in one line (the command, or the device name). */
  summary: string;
  /** "allow-once", "deny", "approved", "rejected", "expired", ... as the gateway reports it. */
  decision: string;
  /** Who resolved it (a client's display name), "expired", or null when the gateway did not say. */
  by: string | null;
  at: number;
}

/** One gateway's part of the inbox: whether it can show and answer requests at all. */
export interface GatewayInbox {
  connectionId: string;
  gatewayName: string;
  /** Connected and the pending lists were replayed from the gateway. */
  live: boolean;
  /** Scopes the gateway granted that the inbox needs, and what is missing, for the UI to say so. */
  canApprove: boolean;
  canPair: boolean;
  missingScopes: string[];
  /** Last failure to list or resolve, for people; null when fine. */
  problem: string | null;
  pending: number;
}

export interface InboxSnapshot {
  /** Every pending item across gateways, newest first. */
  items: InboxItem[];
  gateways: GatewayInbox[];
  /** Recently resolved items, newest first (bounded). */
  resolved: ResolvedItem[];
  seq: number;
}

/** What answering an item did, as the UI and CLI report it (the CLI maps it to an exit code). */
export type InboxAnswerOutcome =
  /** reason: a deny reason told to the agent in its session went out, waits in the outbox, or failed. */
  | { kind: "done"; item: string; reason?: "sent" | "queued" | "failed" }
  | { kind: "unknown-id"; message: string }
  | { kind: "already-resolved"; message: string }
  | { kind: "scope-missing"; scope: string; message: string }
  | { kind: "not-allowed"; message: string }
  | { kind: "offline"; message: string }
  | { kind: "failed"; message: string };

/** One line for an item, for the tray menu and notifications. */
export function inboxItemTitle(item: InboxItem): string {
  if (item.kind === "exec") return `Run \`${item.command}\`?`;
  const who = item.displayName ?? item.deviceId.slice(0, 12);
  return `Pair ${who}${item.platform ? ` (${item.platform})` : ""}?`;
}

const SCOPE_WORDS: Record<string, string> = {
  "operator.read": "read status and chats",
  "operator.write": "send chat messages and change sessions",
  "operator.admin": "change the gateway's configuration",
  "operator.approvals": "approve commands the agent runs",
  "operator.pairing": "pair and remove devices",
  "operator.questions": "answer the agent's questions",
};

/** Requested scopes in words, for the pairing request card ("approve commands the agent runs", ...). */
export function scopesInWords(scopes: readonly string[]): string[] {
  return scopes.map((s) => SCOPE_WORDS[s] ?? s);
}
