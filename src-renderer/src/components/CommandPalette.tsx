// Why this file exists (issue 12, keyboard): the command palette (Ctrl/Cmd+K) — a modal dialog with a
// combobox and its list of commands (palette.ts), filtered as a person types, Up/Down/Enter/Esc
// (keymap.ts listKeyAction), focus kept inside and given back on close (focus.ts).
import { useId, useMemo, useRef, useState } from "react";
import { getHost } from "../host";
import { listKeyAction } from "../keymap";
import { useModalFocus } from "../focus";
import { filterCommands, paletteCommands, type PaletteRun } from "../palette";
import { errorText, openChat, useStore } from "../store";

export const primaryKeyLabel = (): string => (/^mac/i.test(globalThis.navigator?.platform ?? "") ? "⌘" : "Ctrl");

/** Carries out one palette command through the store and the host. */
function useRunCommand(): (run: PaletteRun) => void {
  const host = getHost()!;
  const s = useStore();
  return (run) => {
    const call = (p: Promise<unknown>) => void p.catch((e: unknown) => s.notify("error", errorText(e)));
    switch (run.kind) {
      case "connect":
        s.select(run.profileId);
        return call(host.connect(run.profileId));
      case "disconnect":
        s.select(run.profileId);
        return call(host.disconnect(run.profileId));
      case "chat":
        s.select(run.profileId);
        return s.setTab("chat");
      case "new-session":
        s.select(run.profileId);
        s.setTab("chat");
        return call(host.createChatSession(run.profileId, {}).then((made) => openChat(host, run.profileId, made.key)));
      case "control-ui":
        // A one-shot loopback link (the token is only in its one redirect); a new tab, or the system browser in the desktop app.
        return call(host.openControlUi(run.profileId).then((r) => globalThis.open?.(r.url, "_blank", "noopener,noreferrer")));
      case "diagnostics":
        return s.requestDiagnostics(run.profileId);
      case "switch":
        return s.select(run.profileId);
      case "inbox":
        return s.showInbox();
      case "add":
        return s.setView("add");
    }
  };
}

export function CommandPalette() {
  const open = useStore((s) => s.paletteOpen);
  return open ? <Palette /> : null;
}

function Palette() {
  const { profiles, connections, selected } = useStore();
  const setPalette = useStore((s) => s.setPalette);
  const runCommand = useRunCommand();
  const [query, setQuery] = useState("");
  const [index, setIndex] = useState(0);
  const dialog = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useModalFocus(dialog, input);
  const listId = useId();
  const all = useMemo(() => paletteCommands({ profiles, connections, selected, primaryKey: primaryKeyLabel() }), [profiles, connections, selected]);
  const shown = filterCommands(all, query);
  const at = Math.min(index, Math.max(0, shown.length - 1));
  const run = (i: number) => {
    const c = shown[i];
    if (!c) return;
    setPalette(false);
    runCommand(c.run);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const a = listKeyAction(e.key, at, shown.length);
    if (!a) return;
    e.preventDefault();
    if (a.kind === "close") setPalette(false);
    else if (a.kind === "run") run(at);
    else setIndex(a.index);
  };
  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && setPalette(false)}>
      <div className="modal palette" role="dialog" aria-modal="true" aria-label="Command palette" ref={dialog}>
        <input
          ref={input}
          role="combobox"
          aria-label="Command"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown.length ? optionId(at) : undefined}
          placeholder="Type a command: connect, disconnect, diagnostics, chat…"
          value={query}
          onChange={(e) => (setQuery(e.target.value), setIndex(0))}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
        />
        <ul role="listbox" id={listId} aria-label="Commands" className="palette-list">
          {shown.map((c, i) => (
            <li key={c.id} id={optionId(i)} role="option" aria-selected={i === at} className={i === at ? "palette-item active" : "palette-item"} onMouseDown={(e) => (e.preventDefault(), run(i))} data-command={c.id}>
              <span>{c.label}</span>
              {c.shortcut ? <kbd className="muted small">{c.shortcut}</kbd> : null}
            </li>
          ))}
        </ul>
        {shown.length === 0 ? (
          <p className="muted small" role="status">
            No command matches “{query}”.
          </p>
        ) : null}
      </div>
    </div>
  );
}
