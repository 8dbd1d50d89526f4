// Diagnostics' live log tail (issue 12 "Logs in the app"): the last lines of the same rotated, redacted log
// file, then each new record as the host hears it (`log` events), filtered by level and profile, with
// Pause (new lines are held and counted, not lost) and Copy (what the filter shows). The rules are pure
// functions in src-shared/log-view.ts; this keeps only state. The list is not a live region: a screen
// reader is not read every line (the count of held lines is, once, when it changes).
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { LOG_LEVELS, LOG_TAIL_START, copyText, filterLog, formatLogLine, tailReceive, tailSetPaused, type LogFilter, type LogLevelName, type TailState } from "../../../src-shared/log-view";
import { getHost } from "../host";
import { errorText, useStore } from "../store";

const EMPTY: TailState = { shown: [], held: [], paused: false };

export function LogTail({ profileId }: { profileId: string }) {
  const host = getHost()!;
  const [tail, setTail] = useState<TailState>(EMPTY);
  const [filter, setFilter] = useState<LogFilter>({ level: "info", profileId });
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    // Subscribe first, then read the file: a record written in between arrives twice and is kept once.
    const off = host.on("log", (p) => setTail((t) => tailReceive(t, p.records)));
    host.logTail(LOG_TAIL_START).then(
      (lines) => setTail((t) => tailReceive({ ...t, shown: [] }, [...lines, ...t.shown])),
      (e: unknown) => setError(`Could not read the log: ${errorText(e)}`),
    );
    return off;
  }, [host]);

  const visible = useMemo(() => filterLog(tail.shown, filter), [tail.shown, filter]);
  // Stay at the newest line unless the person scrolled up to read.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [visible]);

  const copy = async () => {
    const text = copyText(tail.shown, filter);
    try {
      await navigator.clipboard.writeText(text);
      setStatus(`Copied ${visible.length} ${visible.length === 1 ? "line" : "lines"}.`);
    } catch {
      setStatus("This browser did not allow copying; select the lines and copy them yourself.");
    }
  };

  return (
    <section className="log-tail" aria-labelledby="log-tail-title">
      <h3 id="log-tail-title">Live log</h3>
      <LogControls filter={filter} setFilter={setFilter} paused={tail.paused} togglePause={() => setTail((t) => tailSetPaused(t, !t.paused))} copy={() => void copy()} />
      <p className="muted small" role="status" data-testid="log-tail-status">
        {tail.paused ? `Paused: ${tail.held.length} new ${tail.held.length === 1 ? "line" : "lines"} held. ` : ""}
        {status ?? ""}
      </p>
      {error ? <p className="callout attention">{error}</p> : null}
      <pre
        ref={box}
        className="logs log-tail-lines"
        aria-label="Live log lines"
        aria-live="off"
        tabIndex={0}
        data-testid="log-tail-lines"
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {visible.length ? visible.map(formatLogLine).join("\n") : "(no lines match the filter yet)"}
      </pre>
    </section>
  );
}

interface ControlsProps {
  filter: LogFilter;
  setFilter(f: LogFilter): void;
  paused: boolean;
  togglePause(): void;
  copy(): void;
}

/** Level and gateway filters, Pause/Resume, Copy. */
function LogControls({ filter, setFilter, paused, togglePause, copy }: ControlsProps) {
  const profiles = useStore((s) => s.profiles);
  return (
    <div className="actions log-tail-controls">
      <label htmlFor="log-tail-level">Level</label>
      <select id="log-tail-level" value={filter.level} onChange={(e) => setFilter({ ...filter, level: e.target.value as LogLevelName })}>
        {LOG_LEVELS.map((l) => (
          <option key={l} value={l}>
            {l === "debug" ? "debug and up" : l === "error" ? "errors only" : `${l} and up`}
          </option>
        ))}
      </select>
      <label htmlFor="log-tail-gateway">Gateway</label>
      <select id="log-tail-gateway" value={filter.profileId ?? ""} onChange={(e) => setFilter({ ...filter, profileId: e.target.value || null })}>
        <option value="">All (and the app)</option>
        {profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button aria-pressed={paused} onClick={togglePause}>
        {paused ? "Resume" : "Pause"}
      </button>
      <button onClick={copy}>Copy</button>
    </div>
  );
}
