// Why this file exists: the full window (App.tsx Shell) and the compact layout (CompactShell.tsx) show
// the same Inbox entry, the same gateway list and the same main panel (notices, then the inbox, the add
// form or the selected gateway); written once here, each layout passes only what it adds (the compact
// one: each gateway's state in words, and the quick actions above the tabs).
import { memo, type ReactNode } from "react";
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

/** The gateway list and "+ Add remote gateway"; `stateInWords` adds each state's label (compact layout).
 *  The list follows only the profiles and the selection; each row follows its own connection's state
 *  (GatewayRow), so a state change renders one row, not the list (benchmark 12: 25 or 100 profiles). */
export function GatewayList({ stateInWords }: { stateInWords?: boolean }) {
  const profiles = useStore((s) => s.profiles);
  const current = useStore((s) => (s.view === "profile" ? s.selected : null));
  const adding = useStore((s) => s.view === "add");
  const setView = useStore((s) => s.setView);
  return (
    <>
      <ul className="profile-list">
        {profiles.map((p) => (
          <GatewayRow key={p.id} id={p.id} name={p.name} current={p.id === current} stateInWords={!!stateInWords} />
        ))}
      </ul>
      <button className={`add-button${adding ? " selected" : ""}`} onClick={() => setView("add")}>
        + Add remote gateway
      </button>
    </>
  );
}

const GatewayRow = memo(function GatewayRow({ id, name, current, stateInWords }: { id: string; name: string; current: boolean; stateInWords: boolean }) {
  const state = useStore((s) => s.connections[id]?.state);
  const select = useStore((s) => s.select);
  return (
    <li>
      <button className={`profile-item${current ? " selected" : ""}`} aria-current={current ? "page" : undefined} onClick={() => select(id)} data-profile={id}>
        <span className="profile-name">{name}</span>
        {stateInWords ? (
          <span className="compact-state">
            <StateBadge state={state} compact />
            <span aria-hidden="true">{state ? STATE_LABEL[state].window : "Not connected"}</span>
          </span>
        ) : (
          <StateBadge state={state} compact />
        )}
      </button>
    </li>
  );
});

/** The main panel: notices, then the inbox, the add form, or the selected gateway with its tabs. */
export function MainPanel({ className, compact, actions }: { className: string; compact?: boolean; actions?: (profile: ProfileView) => ReactNode }) {
  const view = useStore((s) => s.view);
  const profile = useStore((s) => s.profiles.find((p) => p.id === s.selected) ?? null);
  const state = useStore((s) => (s.selected ? s.connections[s.selected]?.state : undefined));
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
            <StateBadge state={state} />
          </div>
          {actions?.(profile)}
          <ProfileTabs profile={profile} compact={compact} />
        </>
      )}
    </main>
  );
}
