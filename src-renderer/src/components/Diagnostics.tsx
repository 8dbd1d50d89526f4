import { useEffect, useState } from "react";
import type { HostMethodResult, LadderView, ProfileView } from "../../../src-shared/host-api";
import { getHost } from "../host";
import { errorText, useStore } from "../store";
import { LogTail } from "./LogTail";

/** The palette's "Run diagnostics" (store.requestDiagnostics): each request runs the test once, also
 *  when it opened this tab, never again on a later remount. */
const handledRequests = new Map<string, number>();
function useRunOnRequest(profileId: string, run: () => Promise<void>): void {
  const request = useStore((s) => s.diagnosticsRequest[profileId] ?? 0);
  useEffect(() => {
    if (request <= (handledRequests.get(profileId) ?? 0)) return;
    handledRequests.set(profileId, request);
    void run();
  }, [request, profileId]);
}

export function Diagnostics({ profile }: { profile: ProfileView }) {
  const host = getHost()!;
  const notify = useStore((s) => s.notify);
  const [ladder, setLadder] = useState<LadderView | null>(null);
  const [running, setRunning] = useState(false);
  const [exported, setExported] = useState<HostMethodResult<"exportDiagnostics"> | null>(null);
  // The web host cannot open a file manager: it answers revealed: false and we show the folder instead.
  const [openYourself, setOpenYourself] = useState<string | null>(null);
  const [logs, setLogs] = useState<string[] | null>(null);
  const run = async () => {
    setRunning(true);
    setLadder(null);
    try {
      setLadder(await host.testConnection(profile.id));
    } catch (e) {
      notify("error", errorText(e));
    } finally {
      setRunning(false);
    }
  };
  useRunOnRequest(profile.id, run);
  return (
    <div className="diagnostics">
      <div className="actions">
        <button className="primary" onClick={() => void run()} disabled={running}>
          {running ? "Testing…" : "Test connection"}
        </button>
        <button
          onClick={() =>
            void host.exportDiagnostics(profile.id).then(
              (r) => (setExported(r), setOpenYourself(null)),
              (e: unknown) => notify("error", errorText(e)),
            )
          }
        >
          Export diagnostics
        </button>
        <button onClick={() => void host.recentLogs(200).then(setLogs, (e: unknown) => notify("error", errorText(e)))}>Show recent log</button>
      </div>
      {exported ? (
        <p role="status">
          Diagnostics written to <code data-testid="export-path">{exported.path}</code> (secrets removed).{" "}
          <button
            className="link"
            onClick={() =>
              void host.revealExport(exported.path).then(
                (r) => setOpenYourself(r.revealed ? null : r.folder),
                (e: unknown) => notify("error", errorText(e)),
              )
            }
          >
            Show in folder
          </button>
          {openYourself ? (
            <span data-testid="export-folder">
              {" "}
              This browser cannot open folders on your computer; open <code>{openYourself}</code> in your file manager.
            </span>
          ) : null}
        </p>
      ) : null}
      {ladder ? <LadderResult ladder={ladder} /> : null}
      {logs ? (
        <pre className="logs" aria-label="Recent log" tabIndex={0}>
          {logs.join("\n") || "(the log is empty)"}
        </pre>
      ) : null}
      <LogTail profileId={profile.id} />
    </div>
  );
}

/** What a test run found: the outcome, then each step with its time and detail. */
function LadderResult({ ladder }: { ladder: LadderView }) {
  return (
    <>
      <p className={ladder.ok ? "callout ok" : "callout attention"} role="status" data-testid="ladder-outcome">
        <strong>{ladder.ok ? "Everything answered." : ladder.outcome.message}</strong>
        {ladder.outcome.fixHint ? <span> {ladder.outcome.fixHint}</span> : null}
        <span className="muted small"> ({Math.round(ladder.totalMs)} ms)</span>
      </p>
      {ladder.routes ? (
        <ol className="ladder" aria-label="Routes tested">
          {ladder.routes.map((r) => (
            <li key={r.index} className={r.ok ? "ok" : "failed"} data-route={r.index + 1} data-ok={r.ok}>
              <span aria-hidden="true">{r.ok ? "✓" : "✗"}</span> <strong>Route {r.index + 1}</strong> <code>{r.label}</code> — {r.ok ? "connected" : `${r.step ?? "probe"}: ${r.message}`}
            </li>
          ))}
        </ol>
      ) : null}
      <ol className="ladder" aria-label="Test steps">
        {ladder.steps.map((s) => (
          <li key={s.name} className={s.ok ? "ok" : "failed"} data-step={s.name} data-ok={s.ok}>
            <span aria-hidden="true">{s.ok ? "✓" : "✗"}</span> <strong>{s.name}</strong> <span className="muted">{Math.round(s.ms)} ms</span> — {s.detail}
            {s.attention ? <div className="muted">{s.attention.fixHint}</div> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
