import { useEffect, useState } from "react";
import { ChatAnnouncer } from "./components/ChatAnnouncer";
import { CommandPalette } from "./components/CommandPalette";
import { CompactShell } from "./components/CompactShell";
import { NotificationBanner } from "./components/NotificationBanner";
import { PromptDialog } from "./components/PromptDialog";
import { GatewayList, InboxNavButton, MainPanel } from "./components/ShellNav";
import { getHost } from "./host";
import { addressRequest, useLayout } from "./layout";
import { connectStore, useStore } from "./store";
import { useWindowKeys } from "./window-keys";

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
  return <Connected />;
}

/** The full window or the compact (tray-sized, quick-chat) layout by width (layout.ts), with what both
 *  share: the host prompts, the command palette, the chat's live region and the window shortcuts. */
function Connected() {
  const [request] = useState(() => addressRequest(globalThis.location?.hash ?? ""));
  const layout = useLayout(request.layout);
  useWindowKeys();
  const select = useStore((s) => s.select);
  const setTab = useStore((s) => s.setTab);
  const known = useStore((s) => request.quickChat !== null && s.profiles.some((p) => p.id === request.quickChat));
  // The quick-chat window (#quick-chat=<id>) opens on that gateway's chat once the profiles are known.
  useEffect(() => {
    if (known && request.quickChat) {
      select(request.quickChat);
      setTab("chat");
    }
  }, [known]);
  return (
    <>
      {layout === "compact" ? <CompactShell /> : <Shell />}
      <PromptDialog />
      <CommandPalette />
      <ChatAnnouncer />
      <NotificationBanner />
    </>
  );
}

function Shell() {
  // Selectors, not the whole store: the shell renders again when these change, not on every host event.
  const app = useStore((s) => s.app);
  const onlyLocal = useStore((s) => s.profiles.length > 0 && s.profiles.every((p) => p.kind === "local"));
  return (
    <div className="layout" data-layout="full">
      <nav className="sidebar" aria-label="Gateways">
        <header className="app-header">
          <h1>Clawlink</h1>
          <span className="muted">{app ? `v${app.version} · ${app.host} host` : "starting…"}</span>
        </header>
        <InboxNavButton />
        <GatewayList />
        {onlyLocal ? <p className="muted small">First run: Clawlink tries the gateway on this machine. Add a remote gateway to reach one over SSH or a URL.</p> : null}
      </nav>
      <MainPanel className="content" />
    </div>
  );
}
