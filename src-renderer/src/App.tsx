import { useEffect } from "react";
import { AddGateway } from "./components/AddGateway";
import { ChatView } from "./components/ChatView";
import { Diagnostics } from "./components/Diagnostics";
import { InboxView } from "./components/InboxView";
import { NotificationBanner } from "./components/NotificationBanner";
import { PromptDialog } from "./components/PromptDialog";
import { Settings } from "./components/Settings";
import { StateBadge } from "./components/StateBadge";
import { StatusView } from "./components/StatusView";
import { getHost } from "./host";
import { connectStore, useInboxCount, useStore, type Tab } from "./store";

const TABS: Array<{ id: Tab; label: string }> = [
  { id: "status", label: "Status" },
  { id: "chat", label: "Chat" },
  { id: "inbox", label: "Inbox" },
  { id: "settings", label: "Token & settings" },
  { id: "diagnostics", label: "Diagnostics" },
];

export function App() {
  const host = getHost();
  useEffect(() => (host ? connectStore(host) : undefined), [host]);
  if (!host) {
    return (
      <main className="app">
        <header className="app-header">
          <h1>Clawlink</h1>
        </header>
        <p role="alert" className="notice">
          No Clawlink host is attached to this page. Open it from the Clawlink app or `clawlink serve`.
        </p>
      </main>
    );
  }
  return (
    <>
      <Shell />
      <NotificationBanner />
    </>
  );
}

function Shell() {
  const { app, profiles, connections, selected, view, tab, hostConnected } = useStore();
  const select = useStore((s) => s.select);
  const setView = useStore((s) => s.setView);
  const setTab = useStore((s) => s.setTab);
  const showInbox = useStore((s) => s.showInbox);
  const waiting = useInboxCount();
  const profile = profiles.find((p) => p.id === selected) ?? null;
  const waitingHere = useInboxCount(profile?.id ?? "");
  const onlyLocal = profiles.length > 0 && profiles.every((p) => p.kind === "local");
  return (
    <div className="layout">
      <nav className="sidebar" aria-label="Gateways">
        <header className="app-header">
          <h1>Clawlink</h1>
          <span className="muted">{app ? `v${app.version} · ${app.host} host` : "starting…"}</span>
        </header>
        <button className={`inbox-nav${view === "inbox" ? " selected" : ""}`} aria-current={view === "inbox" ? "page" : undefined} onClick={() => showInbox()} data-testid="inbox-nav">
          Inbox
          <InboxCount n={waiting} />
        </button>
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
                <StateBadge state={connections[p.id]?.state} compact />
              </button>
            </li>
          ))}
        </ul>
        <button className={`add-button${view === "add" ? " selected" : ""}`} onClick={() => setView("add")}>
          + Add remote gateway
        </button>
        {onlyLocal ? <p className="muted small">First run: Clawlink tries the gateway on this machine. Add a remote gateway to reach one over SSH or a URL.</p> : null}
      </nav>
      <main className="content">
        {!hostConnected ? (
          <p role="alert" className="notice warn">
            The connection to the Clawlink host was lost; reconnecting…
          </p>
        ) : null}
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
            <div role="tablist" className="tabs" aria-label="Profile views">
              {TABS.map((t) => (
                <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? "tab active" : "tab"} onClick={() => setTab(t.id)}>
                  {t.label}
                  {t.id === "inbox" ? <InboxCount n={waitingHere} /> : null}
                </button>
              ))}
            </div>
            <section role="tabpanel" className="tab-panel">
              {tab === "status" ? <StatusView profile={profile} /> : null}
              {tab === "chat" ? <ChatView profile={profile} /> : null}
              {tab === "inbox" ? <InboxView connectionId={profile.id} /> : null}
              {tab === "settings" ? <Settings profile={profile} /> : null}
              {tab === "diagnostics" ? <Diagnostics profile={profile} /> : null}
            </section>
          </>
        )}
      </main>
      <PromptDialog />
    </div>
  );
}

/** The inbox count on the sidebar entry and the tab: a badge people see, "2 waiting" for screen readers. */
function InboxCount({ n }: { n: number }) {
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

function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <ul className="notices">
      {notices.map((n) => (
        <li key={n.id} className={`notice ${n.level}`} role={n.level === "error" ? "alert" : "status"}>
          <span>{n.message}</span>
          <button className="link" onClick={() => dismiss(n.id)} aria-label="Dismiss">
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
