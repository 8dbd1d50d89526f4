// Why this file exists (issue 12, a tray-sized window): the compact layout for a menu-bar/tray popover
// or the quick-chat window (≈380×640) — one column: the header with the inbox count and the command
// palette, the gateway list with each state, the selected gateway's quick actions, then its views with
// the chat first. The full window (App.tsx Shell) keeps its sidebar layout; layout.ts picks by width.
import { useEffect } from "react";
import { STATE_LABEL } from "../state";
import { useInboxCount, useStore } from "../store";
import { AddGateway } from "./AddGateway";
import { primaryKeyLabel } from "./CommandPalette";
import { InboxView } from "./InboxView";
import { ConnectToggle, HostLost, InboxCount, Notices, ProfileTabs } from "./ShellParts";
import { StateBadge } from "./StateBadge";

export function CompactShell() {
  const { profiles, connections, selected, view, tab } = useStore();
  const select = useStore((s) => s.select);
  const setView = useStore((s) => s.setView);
  const setTab = useStore((s) => s.setTab);
  const showInbox = useStore((s) => s.showInbox);
  const setPalette = useStore((s) => s.setPalette);
  const requestDiagnostics = useStore((s) => s.requestDiagnostics);
  const waiting = useInboxCount();
  const profile = profiles.find((p) => p.id === selected) ?? null;
  // A popover opens on the chat: Status is one tab away.
  useEffect(() => {
    if (tab === "status") setTab("chat");
  }, []);
  return (
    <div className="compact-layout" data-layout="compact">
      <header className="compact-header">
        <h1>Clawlink</h1>
        <button className={`inbox-nav${view === "inbox" ? " selected" : ""}`} aria-current={view === "inbox" ? "page" : undefined} onClick={() => showInbox()} data-testid="inbox-nav">
          Inbox
          <InboxCount n={waiting} />
        </button>
        <button onClick={() => setPalette(true)} aria-keyshortcuts="Control+K Meta+K" title={`Commands (${primaryKeyLabel()}+K)`}>
          Commands
        </button>
      </header>
      <nav className="compact-gateways" aria-label="Gateways">
        <ul className="profile-list">
          {profiles.map((p) => (
            <li key={p.id}>
              <button
                className={`profile-item${view === "profile" && p.id === selected ? " selected" : ""}`}
                aria-current={view === "profile" && p.id === selected ? "page" : undefined}
                onClick={() => select(p.id)}
                data-profile={p.id}
              >
                <span className="profile-name">{p.name}</span>
                <span className="compact-state">
                  <StateBadge state={connections[p.id]?.state} compact />
                  <span aria-hidden="true">{connections[p.id] ? STATE_LABEL[connections[p.id]!.state].window : "Not connected"}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
        <button className={`add-button${view === "add" ? " selected" : ""}`} onClick={() => setView("add")}>
          + Add remote gateway
        </button>
      </nav>
      <main className="compact-content">
        <HostLost />
        <Notices />
        {view === "inbox" ? (
          <InboxView />
        ) : view === "add" || !profile ? (
          <AddGateway />
        ) : (
          <>
            <div className="profile-header">
              <h2>{profile.name}</h2>
              <StateBadge state={connections[profile.id]?.state} />
            </div>
            <div className="actions compact-actions" aria-label="Quick actions" role="group">
              <ConnectToggle profile={profile} />
              <button onClick={() => requestDiagnostics(profile.id)}>Diagnostics</button>
            </div>
            <ProfileTabs profile={profile} compact />
          </>
        )}
      </main>
    </div>
  );
}
