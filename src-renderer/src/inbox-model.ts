// Why this file exists (issue 11): the operator inbox as the renderer shows it, as pure functions of the
// host's InboxSnapshot — which snapshot wins, what the combined or per-gateway view lists, the line a
// gateway gets when it did not grant the inbox's scopes, the short "resolved elsewhere" notes, the
// expiry countdown, a command split so invisible characters are shown, and the words for an answer's
// outcome. The Inbox components (components/Inbox*.tsx) only render these; all of it is unit-tested.
import type { ApprovalDecision, InboxAnswerOutcome, InboxItem, InboxSnapshot, ResolvedItem } from "../../src-shared/inbox";
import { scopesInWords } from "../../src-shared/inbox";

/** Before the first snapshot (and after the host link dropped): any snapshot replaces it. */
export function emptyInbox(): InboxSnapshot {
  return { items: [], gateways: [], resolved: [], seq: -1 };
}

/** A snapshot replaces the last one unless it is older (a getInbox answer that raced an event). */
export function applyInbox(current: InboxSnapshot, next: InboxSnapshot): InboxSnapshot {
  return next.seq >= current.seq ? next : current;
}

/** The host may have restarted (its seq starts again): the next snapshot wins whatever its seq. */
export function staleInbox(current: InboxSnapshot): InboxSnapshot {
  return { ...current, seq: -1 };
}

/** Items waiting for a person, across gateways or for one (the tab, the tray, the compact views). */
export function inboxCount(inbox: InboxSnapshot, connectionId: string | null = null): number {
  return connectionId === null ? inbox.items.length : inbox.items.filter((x) => x.connectionId === connectionId).length;
}

export function visibleItems(inbox: InboxSnapshot, connectionId: string | null): InboxItem[] {
  return connectionId === null ? inbox.items : inbox.items.filter((x) => x.connectionId === connectionId);
}

export const itemKey = (x: { connectionId: string; kind: string; id: string }): string => `${x.connectionId}\u0000${x.kind}\u0000${x.id}`;

export interface GatewayLine {
  connectionId: string;
  tone: "attention" | "warn" | "muted";
  text: string;
}

const SCOPE_LOSS: Record<string, string> = {
  "operator.approvals": "exec approvals from it are not shown here and cannot be answered",
  "operator.pairing": "pairing requests from other devices are not shown here",
};

/** What a person must know about each gateway's part of the inbox: a missing scope, a failure, offline. */
export function gatewayLines(inbox: InboxSnapshot, connectionId: string | null): GatewayLine[] {
  const lines: GatewayLine[] = [];
  for (const g of inbox.gateways) {
    if (connectionId !== null && g.connectionId !== connectionId) continue;
    if (g.missingScopes.length) {
      const lost = g.missingScopes.map((s) => SCOPE_LOSS[s] ?? `${s} is missing`).join("; ");
      lines.push({
        connectionId: g.connectionId,
        tone: "attention",
        text:
          `${g.gatewayName} did not grant ${g.missingScopes.join(" and ")} (${scopesInWords(g.missingScopes).join(", ")}) to this device: ${lost}. ` +
          "To fix: on the gateway host run `openclaw devices list`, approve this device's scope upgrade with `openclaw devices approve <requestId>`, then reconnect.",
      });
    }
    if (g.problem) lines.push({ connectionId: g.connectionId, tone: "warn", text: `${g.gatewayName}: ${g.problem}` });
    if (!g.live && !g.problem && !g.missingScopes.length) {
      lines.push({ connectionId: g.connectionId, tone: "muted", text: `${g.gatewayName} is not connected: its requests show here once it is (replayed from the gateway).` });
    }
  }
  return lines;
}

const DECISION_WORDS: Record<string, string> = {
  "allow-once": "allowed once",
  "allow-always": "allowed always",
  deny: "denied",
  approved: "approved",
  rejected: "rejected",
  expired: "expired",
};

/** "Allowed once by Clawlink on laptop", "Denied by you", "Expired". */
export function resolvedWords(r: Pick<ResolvedItem, "decision" | "by">): string {
  const what = DECISION_WORDS[r.decision] ?? r.decision;
  const by = r.by && r.by !== "expired" && r.decision !== "expired" ? ` by ${r.by}` : "";
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}${by}`;
}

/** How long a note about a resolved item stays, and how many are shown. */
export const RESOLVED_NOTE_MS = 10 * 60_000;
export const RESOLVED_NOTES = 5;

export interface ResolvedNote {
  key: string;
  summary: string;
  words: string;
  gatewayName: string;
  at: number;
}

export function resolvedNotes(inbox: InboxSnapshot, connectionId: string | null, now: number): ResolvedNote[] {
  return inbox.resolved
    .filter((r) => (connectionId === null || r.connectionId === connectionId) && now - r.at <= RESOLVED_NOTE_MS)
    .slice(0, RESOLVED_NOTES)
    .map((r) => ({ key: `${itemKey(r)}\u0000${r.at}`, summary: shortSummary(r.summary), words: resolvedWords(r), gatewayName: r.gatewayName, at: r.at }));
}

/** A resolved item's one line (nothing is decided on it any more, so a long command may be shortened). */
export function shortSummary(summary: string, max = 200): string {
  return summary.length <= max ? summary : `${summary.slice(0, max)}… (${summary.length.toLocaleString("en")} characters)`;
}

/** Time left as people read a countdown: "4:07", "1:02:03", or "expired". */
export function countdown(expiresAt: number, now: number): string {
  const left = Math.ceil((expiresAt - now) / 1000);
  if (left <= 0) return "expired";
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = String(left % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export type CommandPart = { text: string } | { hidden: string };

// Characters that render as nothing or move text around: C0/C1 controls other than tab and newline,
// zero-width and joiner characters, bidi embeddings, overrides and isolates, the BOM.
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The command exactly, with every invisible character as its own part (shown as ⟨U+202E⟩), so text
 *  that would hide or reorder what runs stays visible. Joining the parts' text and hidden chars gives the
 *  command back unchanged. */
export function commandParts(command: string): CommandPart[] {
  const parts: CommandPart[] = [];
  let last = 0;
  for (const m of command.matchAll(HIDDEN)) {
    if (m.index > last) parts.push({ text: command.slice(last, m.index) });
    parts.push({ hidden: m[0] });
    last = m.index + m[0].length;
  }
  if (last < command.length) parts.push({ text: command.slice(last) });
  return parts;
}

export const hiddenLabel = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

export interface OutcomeNote {
  tone: "ok" | "warn" | "attention";
  text: string;
}

const DONE_WORDS: Record<ApprovalDecision | "approve" | "reject", string> = {
  "allow-once": "Allowed once.",
  "allow-always": "Allowed always.",
  deny: "Denied.",
  approve: "Approved.",
  reject: "Rejected.",
};

/** What an answer did, in words for the card (or a notice once the card has left). */
export function outcomeNote(o: InboxAnswerOutcome, decision: ApprovalDecision | "approve" | "reject"): OutcomeNote {
  if (o.kind === "done") {
    const base = DONE_WORDS[decision];
    if (o.reason === "sent") return { tone: "ok", text: `${base} The reason was sent to the agent in its session.` };
    if (o.reason === "queued") return { tone: "warn", text: `${base} The reason waits to be sent to the agent (the gateway has not taken it yet).` };
    if (o.reason === "failed") return { tone: "attention", text: `${base} The reason could not be sent to the agent.` };
    return { tone: "ok", text: base };
  }
  if (o.kind === "offline") return { tone: "warn", text: o.message };
  return { tone: "attention", text: o.message };
}
