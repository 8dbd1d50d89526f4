// Why this file exists (issue 12, a tray-sized window): the compact layout for a menu-bar/tray popover
// or the quick-chat window (≈380×640) — one column: the header with the inbox count and the command
// palette, the gateway list with each state, the selected gateway's quick actions, then its views with
// the chat first. The full window (App.tsx Shell) keeps its sidebar layout; layout.ts picks by width.
import { useEffect } from "react";
import { useStore } from "../store";
import { primaryKeyLabel } from "./CommandPalette";
import { ConnectToggle } from "./ShellParts";
import { GatewayList, InboxNavButton, MainPanel } from "./ShellNav";

export function CompactShell() {
  const tab = useStore((s) => s.tab);
  const setTab = useStore((s) => s.setTab);
  const setPalette = useStore((s) => s.setPalette);
  const requestDiagnostics = useStore((s) => s.requestDiagnostics);
  // A popover opens on the chat: Status is one tab away.
  useEffect(() => {
    if (tab === "status") setTab("chat");
  }, []);
  return (
    <div className="compact-layout" data-layout="compact">
      <header className="compact-header">
        <h1>Clawlink</h1>
        <InboxNavButton />
        <button onClick={() => setPalette(true)} aria-keyshortcuts="Control+K Meta+K" title={`Commands (${primaryKeyLabel()}+K)`}>
          Commands
        </button>
      </header>
      <nav className="compact-gateways" aria-label="Gateways">
        <GatewayList stateInWords />
      </nav>
      <MainPanel
        className="compact-content"
        compact
        actions={(profile) => (
          <div className="actions compact-actions" aria-label="Quick actions" role="group">
            <ConnectToggle profile={profile} />
            <button onClick={() => requestDiagnostics(profile.id)}>Diagnostics</button>
          </div>
        )}
      />
    </div>
  );
}
