// Why this file exists (issue 12, keyboard): the command palette's commands (Ctrl/Cmd+K) as a pure
// function of what the UI knows — connect or disconnect each gateway, run diagnostics, open its chat,
// switch to it, open the inbox, add a gateway — and the filter that narrows them as a person types.
// "New session" and "Open Control UI" are not offered: the host API has no method for either yet (the
// tray's Control UI link is the desktop shell's own, and there is no sessions.create call).
import type { ConnectionSnapshot } from "../../src-shared/connection";
import type { ProfileView } from "../../src-shared/host-api";

export type PaletteRun =
  | { kind: "connect" | "disconnect" | "diagnostics" | "chat" | "new-session" | "control-ui" | "switch"; profileId: string }
  | { kind: "inbox" }
  | { kind: "add" };

export interface PaletteCommand {
  id: string;
  label: string;
  /** The shortcut that does the same, shown next to the label. */
  shortcut: string | null;
  run: PaletteRun;
}

export interface PaletteInput {
  profiles: readonly ProfileView[];
  connections: Readonly<Record<string, ConnectionSnapshot | undefined>>;
  selected: string | null;
  /** "Ctrl" or "⌘", for the shortcut hints. */
  primaryKey: string;
}

const isLive = (c: ConnectionSnapshot | undefined): boolean => !!c && c.state !== "stopped";

function commandsFor(p: ProfileView, index: number, input: PaletteInput): PaletteCommand[] {
  const live = isLive(input.connections[p.id]);
  const toggle: PaletteCommand = live
    ? { id: `disconnect:${p.id}`, label: `Disconnect ${p.name}`, shortcut: null, run: { kind: "disconnect", profileId: p.id } }
    : { id: `connect:${p.id}`, label: `Connect ${p.name}`, shortcut: null, run: { kind: "connect", profileId: p.id } };
  const shortcut = index < 9 ? `${input.primaryKey}+${index + 1}` : null;
  // A new session is made by the gateway (sessions.create) and the Control UI opens through the
  // connection, so only a connected gateway offers them.
  const connected = input.connections[p.id]?.state === "connected";
  const whileConnected: PaletteCommand[] = connected
    ? [
        { id: `new-session:${p.id}`, label: `New chat session on ${p.name}`, shortcut: null, run: { kind: "new-session", profileId: p.id } },
        { id: `control-ui:${p.id}`, label: `Open the Control UI of ${p.name}`, shortcut: null, run: { kind: "control-ui", profileId: p.id } },
      ]
    : [];
  return [
    toggle,
    { id: `chat:${p.id}`, label: `Chat with ${p.name}`, shortcut: null, run: { kind: "chat", profileId: p.id } },
    ...whileConnected,
    { id: `diagnostics:${p.id}`, label: `Run diagnostics on ${p.name}`, shortcut: null, run: { kind: "diagnostics", profileId: p.id } },
    { id: `switch:${p.id}`, label: `Go to ${p.name}`, shortcut, run: { kind: "switch", profileId: p.id } },
  ];
}

/** The selected gateway's commands first, then the others' in list order, then the app-wide ones. */
export function paletteCommands(input: PaletteInput): PaletteCommand[] {
  const indexed = input.profiles.map((p, i) => ({ p, i }));
  const first = indexed.filter((x) => x.p.id === input.selected);
  const rest = indexed.filter((x) => x.p.id !== input.selected);
  return [
    ...[...first, ...rest].flatMap((x) => commandsFor(x.p, x.i, input)),
    { id: "inbox", label: "Open the inbox", shortcut: null, run: { kind: "inbox" } },
    { id: "add", label: "Add a remote gateway", shortcut: null, run: { kind: "add" } },
  ];
}

/** Every word typed must start a word of the label (case-insensitive), in any order: "dis home" finds
 *  "Disconnect Home desktop". An empty query keeps everything. */
export function filterCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  return commands.filter((c) => {
    const labelWords = c.label.toLowerCase().split(/[\s\-_.:/()]+/);
    return words.every((w) => labelWords.some((l) => l.startsWith(w)));
  });
}
