import { useEffect, useState } from "react";
import type { AppInfo } from "../../src-shared/host-api";
import { getHost } from "./host";

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const host = getHost();
    if (!host) {
      setError("No Clawlink host is attached to this page. Open it from the Clawlink app or `clawlink serve`.");
      return;
    }
    host.getAppInfo().then(setInfo, (e: unknown) => setError(String(e)));
  }, []);
  return (
    <main className="app">
      <header className="app-header">
        <h1>Clawlink</h1>
        <span className="muted">{info ? `v${info.version} · ${info.host} host · ${info.platform}` : "starting…"}</span>
      </header>
      {error ? <p role="alert" className="notice">{error}</p> : null}
    </main>
  );
}
