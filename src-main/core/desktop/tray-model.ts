// The tray menu as data: profiles and their connection snapshots in → icon, tooltip and a plain menu
// description out. The Electron shell (src-main/shell/tray.ts) only renders this and dispatches the
// actions; every decision (what the icon says, which items exist, what is enabled) is made here, in
// plain Node, so it is unit-tested without Electron. No secret ever enters the model: "Open Control UI"
// carries a profile id, and the shell builds the URL with the token at click time (controlUiUrl).
// The operator inbox (issue 11) is the menu's first part (tray-inbox.ts), and anything waiting in it
// puts the icon in its attention state.
import type { ConnectionSnapshot, OverallState } from "../../../src-shared/connection.js";
import type { InboxRef, QuickDecision } from "../../../src-shared/inbox-glance.js";
import type { InboxItem } from "../../../src-shared/inbox.js";
import { STATE_LABEL, toneOf, type StateTone } from "../../../src-shared/state-labels.js";
import { inboxMenuItems, waitingWords } from "./tray-inbox.js";

/** The four things the tray icon can say, worst first. */
export type TrayStatus = "attention" | "connecting" | "connected" | "disconnected";
export type TrayTheme = "light" | "dark";

export interface TrayProfile {
  id: string;
  name: string;
}

export interface TrayInput {
  profiles: readonly TrayProfile[];
  /** Live connections (orchestrator snapshots); a profile without one is disconnected. */
  connections: readonly ConnectionSnapshot[];
  startAtLogin: { enabled: boolean; supported: boolean };
  /** Every pending inbox item across gateways, newest first (the inbox hub's snapshot); none when absent. */
  inbox?: readonly InboxItem[];
}

export type TrayAction =
  | { type: "connect"; profileId: string }
  | { type: "disconnect"; profileId: string }
  | { type: "open-window" }
  | { type: "open-control-ui"; profileId: string }
  | { type: "copy-text"; text: string }
  | { type: "set-start-at-login"; enabled: boolean }
  | ({ type: "answer-inbox"; decision: QuickDecision } & InboxRef)
  /** The window on the inbox, at one item when given. */
  | { type: "open-inbox"; item: InboxRef | null }
  | { type: "quit" };

export type TrayMenuItem =
  | { kind: "action"; id: string; label: string; enabled: boolean; action: TrayAction }
  | { kind: "checkbox"; id: string; label: string; enabled: boolean; checked: boolean; action: TrayAction }
  | { kind: "label"; id: string; label: string }
  | { kind: "submenu"; id: string; label: string; items: TrayMenuItem[] }
  | { kind: "separator" };

export interface TrayModel {
  status: TrayStatus;
  /** Base name of the icon file in resources/ (without theme suffix and extension), e.g. "tray-connected". */
  icon: `tray-${TrayStatus}`;
  tooltip: string;
  items: TrayMenuItem[];
}

export function stateLabel(s: ConnectionSnapshot | undefined): string {
  if (!s) return "Disconnected";
  if (s.state === "reconnecting" && s.attempt > 0) return `Reconnecting (attempt ${s.attempt})`;
  return STATE_LABEL[s.state].tray;
}

const TRAY_STATUS: Record<StateTone, TrayStatus> = { ok: "connected", busy: "connecting", attention: "attention", off: "disconnected" };

/** The icon a state shows, from the tone the window draws it in (src-shared/state-labels.ts). */
export function statusOf(state: OverallState | undefined): TrayStatus {
  return TRAY_STATUS[toneOf(state)];
}

const RANK: Record<TrayStatus, number> = { attention: 3, connecting: 2, connected: 1, disconnected: 0 };

/** The overall icon state: the worst live connection wins (one broken gateway must not hide behind a good one). */
export function overallStatus(connections: readonly ConnectionSnapshot[]): TrayStatus {
  let worst: TrayStatus = "disconnected";
  for (const c of connections) {
    const s = statusOf(c.state);
    if (RANK[s] > RANK[worst]) worst = s;
  }
  return worst;
}

/** A supervisor is running for this connection (so the menu offers Disconnect, not Connect). */
export function isActive(s: ConnectionSnapshot | undefined): boolean {
  return !!s && s.state !== "idle" && s.state !== "stopped";
}

/** Windows truncates tray tooltips at 127 characters; keep every platform under that. */
export const TOOLTIP_MAX = 127;

export function trayTooltip(profiles: readonly TrayProfile[], connections: readonly ConnectionSnapshot[], waiting = 0): string {
  const byId = new Map(connections.map((c) => [c.id, c]));
  const rows = rowsOf(profiles, connections).map((p) => `${p.name}: ${stateLabel(byId.get(p.id)).toLowerCase()}`);
  const head = waitingWords(waiting) ? `Clawlink — ${waitingWords(waiting)}` : "Clawlink";
  const text = rows.length === 0 ? `${head}: no gateways set up` : `${head}\n${rows.join("\n")}`;
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
}

/** Saved profiles first (in their order), then live connections that have no profile (e.g. a CLI target). */
function rowsOf(profiles: readonly TrayProfile[], connections: readonly ConnectionSnapshot[]): TrayProfile[] {
  const known = new Set(profiles.map((p) => p.id));
  return [...profiles, ...connections.filter((c) => !known.has(c.id)).map((c) => ({ id: c.id, name: c.name }))];
}

function profileItems(p: TrayProfile, s: ConnectionSnapshot | undefined): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  const active = isActive(s);
  items.push(
    active
      ? { kind: "action", id: `disconnect:${p.id}`, label: "Disconnect", enabled: true, action: { type: "disconnect", profileId: p.id } }
      : { kind: "action", id: `connect:${p.id}`, label: "Connect", enabled: true, action: { type: "connect", profileId: p.id } },
  );
  items.push({
    kind: "action",
    id: `control-ui:${p.id}`,
    label: "Open Control UI in Browser",
    enabled: s?.state === "connected" && controlUiBase(s) !== null,
    action: { type: "open-control-ui", profileId: p.id },
  });
  if (s?.state === "pairing-required") {
    const cmd = s.pairing.approveCommand ?? "openclaw devices list";
    items.push({ kind: "action", id: `copy-approve:${p.id}`, label: `Copy Approve Command (${cmd})`, enabled: true, action: { type: "copy-text", text: cmd } });
  }
  if (s?.attention && (s.state === "needs-attention" || s.state === "reconnecting")) {
    items.push({ kind: "label", id: `why:${p.id}`, label: s.attention.message });
  }
  return items;
}

export function trayModel(input: TrayInput): TrayModel {
  const byId = new Map(input.connections.map((c) => [c.id, c]));
  const inbox = input.inbox ?? [];
  // A request waiting for a person is as urgent as a connection that needs one.
  const status: TrayStatus = inbox.length > 0 ? "attention" : overallStatus(input.connections);
  const items: TrayMenuItem[] = inboxMenuItems(inbox);
  const rows = rowsOf(input.profiles, input.connections);
  if (rows.length === 0) items.push({ kind: "label", id: "no-profiles", label: "No gateways set up yet" });
  for (const p of rows) {
    const s = byId.get(p.id);
    items.push({ kind: "submenu", id: `profile:${p.id}`, label: `${p.name} — ${stateLabel(s)}`, items: profileItems(p, s) });
  }
  items.push({ kind: "separator" });
  items.push({ kind: "action", id: "open-window", label: "Open Clawlink", enabled: true, action: { type: "open-window" } });
  items.push({
    kind: "checkbox",
    id: "start-at-login",
    label: "Start at Login",
    enabled: input.startAtLogin.supported,
    checked: input.startAtLogin.supported && input.startAtLogin.enabled,
    action: { type: "set-start-at-login", enabled: !input.startAtLogin.enabled },
  });
  items.push({ kind: "separator" });
  items.push({ kind: "action", id: "quit", label: "Quit Clawlink", enabled: true, action: { type: "quit" } });
  return { status, icon: `tray-${status}`, tooltip: trayTooltip(input.profiles, input.connections, inbox.length), items };
}

/** The icon file for a status on a light or dark menu bar / task bar, relative to resources/. */
export function trayIconFile(status: TrayStatus, theme: TrayTheme): string {
  return `tray-${status}-${theme}.png`;
}

/**
 * Which icon set fits the bar the tray lives in. macOS and Windows say whether their system UI (menu bar,
 * task bar) is dark, which can differ from the app theme; Linux panels give no signal and are dark in
 * GNOME, KDE's default and most others, so Linux gets the light glyph.
 */
export function trayThemeFor(platform: string, appDark: boolean, systemUiDark: boolean | undefined): TrayTheme {
  if (platform === "linux") return "dark";
  return (systemUiDark ?? appDark) ? "dark" : "light";
}

/** Where the gateway's Control UI is reachable from this machine (through the tunnel for SSH), or null. */
export function controlUiBase(s: ConnectionSnapshot): string | null {
  if (s.kind === "ssh") return s.localPort ? `http://127.0.0.1:${s.localPort}/` : null;
  if (!s.url) return null;
  let u: URL;
  try {
    u = new URL(s.url);
  } catch {
    return null;
  }
  if (u.protocol === "ws:") u.protocol = "http:";
  else if (u.protocol === "wss:") u.protocol = "https:";
  else if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  u.search = "";
  u.hash = "";
  u.username = "";
  u.password = "";
  if (!u.pathname.endsWith("/")) u.pathname += "/";
  return u.toString();
}

/**
 * The Control UI link with the gateway token in the URL fragment (`#token=…`, the form OpenClaw's
 * dashboard reads): a fragment is never sent to any server, so the token stays out of access logs.
 */
export function controlUiUrl(s: ConnectionSnapshot, token: string | null | undefined): string | null {
  const base = controlUiBase(s);
  if (!base) return null;
  return token ? `${base}#token=${encodeURIComponent(token)}` : base;
}

/** Finds the action of a menu item by id (the shell and the _electron specs click through this). */
export function findItem(items: readonly TrayMenuItem[], id: string): TrayMenuItem | undefined {
  for (const it of items) {
    if (it.kind !== "separator" && it.id === id) return it;
    if (it.kind === "submenu") {
      const found = findItem(it.items, id);
      if (found) return found;
    }
  }
  return undefined;
}
