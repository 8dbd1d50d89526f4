// Why this file exists (issue 12): the pieces the full window (App.tsx Shell) and the compact, tray-sized
// layout (CompactShell.tsx) share — the inbox count, the notices, the lost-host line, a profile's tabs
// and their panels (the ARIA tabs pattern of Tabs.tsx), and the Connect/Disconnect quick action.
import { useState } from "react";
import type { ProfileView } from "../../../src-shared/host-api";
import { getHost } from "../host";
import { errorText, useInboxCount, useStore, type Tab } from "../store";
import { ChatView } from "./ChatView";
import { Diagnostics } from "./Diagnostics";
import { InboxView } from "./InboxView";
import { Settings } from "./Settings";
import { StatusView } from "./StatusView";
import { TabList, TabPanel, type TabSpec } from "./Tabs";

/** The inbox count on the sidebar entry and the tab: a badge people see, "2 waiting" for screen readers. */
export function InboxCount({ n }: { n: number }) {
  if (n === 0) return null;
  return (
    <>
      <span className="count-badge" aria-hidden="true" data-testid="inbox-count">
        {n}
      </span>
      <span className="sr-only">, {n} waiting</span>
    </>
  );
}

export function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <ul className="notices">
      {notices.map((n) => (
        // The role sits inside the item: a <li> that is an alert is no list item, and the list breaks.
        <li key={n.id} className={`notice ${n.level}`}>
          <span role={n.level === "error" ? "alert" : "status"}>{n.message}</span>
          <button className="link" onClick={() => dismiss(n.id)} aria-label="Dismiss">
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

export function HostLost() {
  const hostConnected = useStore((s) => s.hostConnected);
  if (hostConnected) return null;
  return (
    <p role="alert" className="notice warn">
      The connection to the Clawlink host was lost; reconnecting…
    </p>
  );
}

const FULL_LABELS: Record<Tab, string> = { status: "Status", chat: "Chat", inbox: "Inbox", settings: "Token & settings", diagnostics: "Diagnostics" };
const SHORT_LABELS: Record<Tab, string> = { ...FULL_LABELS, settings: "Settings" };
const FULL_ORDER: Tab[] = ["status", "chat", "inbox", "settings", "diagnostics"];
const COMPACT_ORDER: Tab[] = ["chat", "status", "inbox", "settings", "diagnostics"];

/** A profile's tab strip and the selected tab's panel; the compact layout puts Chat first, shorter names. */
export function ProfileTabs({ profile, compact }: { profile: ProfileView; compact?: boolean }) {
  const tab = useStore((s) => s.tab);
  const setTab = useStore((s) => s.setTab);
  const waitingHere = useInboxCount(profile.id);
  const labels = compact ? SHORT_LABELS : FULL_LABELS;
  const tabs: Array<TabSpec<Tab>> = (compact ? COMPACT_ORDER : FULL_ORDER).map((id) => ({
    id,
    label: (
      <>
        {labels[id]}
        {id === "inbox" ? <InboxCount n={waitingHere} /> : null}
      </>
    ),
  }));
  const prefix = compact ? "compact" : "profile";
  return (
    <>
      <TabList prefix={prefix} label="Profile views" tabs={tabs} active={tab} onSelect={setTab} />
      <TabPanel prefix={prefix} active={tab} className="tab-panel">
        {tab === "status" ? <StatusView profile={profile} /> : null}
        {tab === "chat" ? <ChatView profile={profile} /> : null}
        {tab === "inbox" ? <InboxView connectionId={profile.id} /> : null}
        {tab === "settings" ? <Settings profile={profile} /> : null}
        {tab === "diagnostics" ? <Diagnostics profile={profile} /> : null}
      </TabPanel>
    </>
  );
}

/** Connect or Disconnect, whichever applies now (the compact layout's quick action). */
export function ConnectToggle({ profile }: { profile: ProfileView }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const live = useStore((s) => !!s.connections[profile.id] && s.connections[profile.id]!.state !== "stopped");
  const [busy, setBusy] = useState(false);
  const act = (fn: () => Promise<unknown>) => {
    setBusy(true);
    void fn()
      .catch((e: unknown) => notify("error", errorText(e)))
      .finally(() => setBusy(false));
  };
  return live ? (
    <button disabled={busy} onClick={() => act(() => host.disconnect(profile.id))}>
      Disconnect
    </button>
  ) : (
    <button className="primary" disabled={busy} onClick={() => act(() => host.connect(profile.id))}>
      Connect
    </button>
  );
}
