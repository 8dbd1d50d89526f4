// Why this file exists: the full window (App.tsx Shell) and the compact layout (CompactShell.tsx) show
// the same Inbox entry, the same gateway list and the same main panel (notices, then the inbox, the add
// form or the selected gateway); written once here, each layout passes only what it adds (the compact
// one: each gateway's state in words, and the quick actions above the tabs).
import type { ReactNode } from "react";
import type { ProfileView } from "../../../src-shared/host-api";
import { STATE_LABEL } from "../state";
import { useInboxCount, useStore } from "../store";
import { AddGateway } from "./AddGateway";
import { InboxView } from "./InboxView";
import { HostLost, InboxCount, Notices, ProfileTabs } from "./ShellParts";
import { StateBadge } from "./StateBadge";

export function InboxNavButton() {
  const view = useStore((s) => s.view);
  const showInbox = useStore((s) => s.showInbox);
  const waiting = useInboxCount();
  return (
    <button className={`inbox-nav${view === "inbox" ? " selected" : ""}`} aria-current={view === "inbox" ? "page" : undefined} onClick={() => showInbox()} data-testid="inbox-nav">
      Inbox
      <InboxCount n={waiting} />
    </button>
  );
}

/** The gateway list and "+ Add remote gateway"; `stateInWords` adds each state's label (compact layout). */
export function GatewayList({ stateInWords }: { stateInWords?: boolean }) {
  const { profiles, connections, selected, view } = useStore();
  const select = useStore((s) => s.select);
  const setView = useStore((s) => s.setView);
  return (
    <>
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
              {stateInWords ? (
                <span className="compact-state">
                  <StateBadge state={connections[p.id]?.state} compact />
                  <span aria-hidden="true">{connections[p.id] ? STATE_LABEL[connections[p.id]!.state].window : "Not connected"}</span>
                </span>
              ) : (
                <StateBadge state={connections[p.id]?.state} compact />
              )}
            </button>
          </li>
        ))}
      </ul>
      <button className={`add-button${view === "add" ? " selected" : ""}`} onClick={() => setView("add")}>
        + Add remote gateway
      </button>
    </>
  );
}

/** The main panel: notices, then the inbox, the add form, or the selected gateway with its tabs. */
export function MainPanel({ className, compact, actions }: { className: string; compact?: boolean; actions?: (profile: ProfileView) => ReactNode }) {
  const { profiles, connections, selected, view } = useStore();
  const profile = profiles.find((p) => p.id === selected) ?? null;
  return (
    <main className={className}>
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
          {actions?.(profile)}
          <ProfileTabs profile={profile} compact={compact} />
        </>
      )}
    </main>
  );
}
