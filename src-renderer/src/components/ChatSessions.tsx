// The chat's session picker (issue 12 "Chat"): the gateway's sessions by label (or a readable key,
// never a message's text, ellipsised by CSS with the full name in the tooltip), and "New session" with
// a name and the agent to run it (agents.list, as the gateway reports them).
import { useCallback, useEffect, useState, type KeyboardEvent } from "react";
import type { AgentList } from "../../../src-shared/chat-schema";
import type { ChatSessionInfo } from "../../../src-shared/host-api";
import { getHost } from "../host";
import { errorText } from "../store";

/**
 * The gateway's session list for a profile, refetched on demand (after create, rename, delete,
 * reconnect) and replaced by each `chatSessions` event (the host follows the gateway's sessions.changed
 * once the list was read, so sessions made, renamed or deleted elsewhere show up here); `apply` shows a
 * row the gateway just returned (a patch's result) before the refetch lands.
 */
export function useChatSessions(profileId: string): { list: ChatSessionInfo[]; refresh: () => Promise<void>; apply: (s: ChatSessionInfo) => void } {
  const host = getHost()!;
  const [list, setList] = useState<ChatSessionInfo[]>([]);
  const refresh = useCallback(async () => {
    try {
      setList(await host.listChatSessions(profileId));
    } catch {
      // The list is a convenience; the open session stays usable (its own errors are shown where they happen).
    }
  }, [host, profileId]);
  useEffect(() => host.on("chatSessions", (e) => e.profileId === profileId && setList(e.sessions)), [host, profileId]);
  const apply = useCallback((row: ChatSessionInfo) => setList((l) => (l.some((x) => x.key === row.key) ? l.map((x) => (x.key === row.key ? { ...x, ...row } : x)) : [row, ...l])), []);
  return { list, refresh, apply };
}

export function useAgents(profileId: string, connected: boolean): { agents: AgentList | null; error: string | null } {
  const host = getHost()!;
  const [agents, setAgents] = useState<AgentList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    host.listChatAgents(profileId).then(
      (a) => !cancelled && (setAgents(a), setError(null)),
      (e: unknown) => !cancelled && setError(errorText(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [host, profileId, connected]);
  return { agents, error };
}

interface Props {
  profileId: string;
  connected: boolean;
  sessions: ChatSessionInfo[];
  current: ChatSessionInfo;
  onOpen(key: string): void;
  onCreated(s: ChatSessionInfo): void;
}

export function ChatSessions({ profileId, connected, sessions, current, onOpen, onCreated }: Props) {
  const [creating, setCreating] = useState(false);
  const shown = sessions.some((s) => s.key === current.key) ? sessions : [current, ...sessions];
  return (
    <aside className="chat-sessions" aria-label="Chat sessions">
      <button type="button" className="new-session" disabled={!connected} onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
        New session
      </button>
      {creating ? (
        <NewSessionForm
          profileId={profileId}
          onDone={(s) => {
            setCreating(false);
            if (s) onCreated(s);
          }}
        />
      ) : null}
      {/* One tab stop for the whole list (the current session); the arrow keys, Home and End move within it.
          A gateway can hold dozens of sessions, and Tab from "New session" must reach the chat, not every row. */}
      <ul onKeyDown={moveFocusInList}>
        {shown.map((s) => (
          <li key={s.key}>
            <button className={s.key === current.key ? "session selected" : "session"} tabIndex={s.key === current.key ? 0 : -1} aria-current={s.key === current.key ? "true" : undefined} onClick={() => onOpen(s.key)} title={`${s.label} (${s.key})`}>
              {s.label}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}

function moveFocusInList(e: KeyboardEvent<HTMLUListElement>): void {
  const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
  if (step === undefined && e.key !== "Home" && e.key !== "End") return;
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>("button.session"));
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0 || buttons.length === 0) return;
  const next = e.key === "Home" ? 0 : e.key === "End" ? buttons.length - 1 : Math.min(buttons.length - 1, Math.max(0, at + (step ?? 0)));
  e.preventDefault();
  buttons[next]!.focus();
}

function NewSessionForm({ profileId, onDone }: { profileId: string; onDone(s: ChatSessionInfo | null): void }) {
  const host = getHost()!;
  const { agents, error: agentsError } = useAgents(profileId, true);
  const [label, setLabel] = useState("");
  const [agentId, setAgentId] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pick = agentId || agents?.defaultId || agents?.agents[0]?.id || "";
  const submit = async () => {
    setBusy(true);
    try {
      const s = await host.createChatSession(profileId, { ...(label.trim() ? { label: label.trim() } : {}), ...(pick ? { agentId: pick } : {}) });
      onDone(s);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="new-session-form"
      aria-label="New session"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        Name
        <input value={label} maxLength={512} placeholder="(optional)" onChange={(e) => setLabel(e.target.value)} autoFocus />
      </label>
      <label>
        Agent
        <select value={pick} onChange={(e) => setAgentId(e.target.value)} disabled={!agents}>
          {(agents?.agents ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name ? `${a.name} (${a.id})` : a.id}
              {a.id === agents?.defaultId ? " · default" : ""}
            </option>
          ))}
        </select>
      </label>
      {agentsError ? <p className="callout attention">{agentsError}</p> : null}
      {error ? (
        <p className="callout attention" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Create
        </button>
        <button type="button" className="quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
