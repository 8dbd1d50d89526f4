// The open session's bar (issue 12 "Chat"): its name (ellipsised), Rename and Delete (sessions.patch /
// sessions.delete), and the model picker (models.list for the session's agent, sessions.patch with
// the "provider/id" the gateway listed). A refusal is shown right here with the reason's fix hint.
import { useEffect, useState } from "react";
import type { ModelInfo } from "../../../src-shared/chat-schema";
import type { ChatSessionInfo } from "../../../src-shared/host-api";
import { getHost } from "../host";
import { errorText } from "../store";

interface Props {
  profileId: string;
  connected: boolean;
  session: ChatSessionInfo;
  onChanged(s: ChatSessionInfo): void;
  onDeleted(): void;
}

export function ChatHeader({ profileId, connected, session, onChanged, onDeleted }: Props) {
  const host = getHost()!;
  const [mode, setMode] = useState<"view" | "rename" | "delete">("view");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setMode("view");
    setError(null);
  }, [session.key]);
  const act = async (fn: () => Promise<void>) => {
    try {
      await fn();
      setError(null);
      setMode("view");
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="chat-header" aria-label="Session">
      {mode === "rename" ? (
        <RenameForm label={session.label} onCancel={() => setMode("view")} onSave={(label) => act(async () => onChanged(await host.patchChatSession(profileId, session.key, { label })))} />
      ) : (
        <h3 className="session-title" title={`${session.label} (${session.key})`} data-testid="session-title">
          {session.label}
        </h3>
      )}
      {session.agentId ? (
        <span className="muted session-agent" data-testid="session-agent">
          agent {session.agentId}
        </span>
      ) : null}
      <ModelPicker profileId={profileId} connected={connected} session={session} onPick={(model) => act(async () => onChanged(await host.patchChatSession(profileId, session.key, { model })))} />
      {mode === "view" ? (
        <span className="row">
          <button type="button" className="quiet" disabled={!connected} onClick={() => setMode("rename")}>
            Rename
          </button>
          <button type="button" className="quiet" disabled={!connected} onClick={() => setMode("delete")}>
            Delete
          </button>
        </span>
      ) : null}
      {mode === "delete" ? (
        <span className="row confirm-delete" role="group" aria-label="Confirm delete">
          <span>Delete “{session.label}” and its transcript on the gateway?</span>
          <button type="button" className="danger" onClick={() => void act(async () => (await host.deleteChatSession(profileId, session.key), onDeleted()))}>
            Delete session
          </button>
          <button type="button" className="quiet" onClick={() => setMode("view")}>
            Cancel
          </button>
        </span>
      ) : null}
      {error ? (
        <p className="callout attention chat-header-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function RenameForm({ label, onSave, onCancel }: { label: string; onSave(label: string): Promise<void>; onCancel(): void }) {
  const [text, setText] = useState(label);
  return (
    <form
      className="rename-form row"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) void onSave(text.trim());
      }}
    >
      <input aria-label="Session name" value={text} maxLength={512} autoFocus onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === "Escape" && onCancel()} />
      <button type="submit" className="primary" disabled={!text.trim()}>
        Save
      </button>
      <button type="button" className="quiet" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function ModelPicker({ profileId, connected, session, onPick }: { profileId: string; connected: boolean; session: ChatSessionInfo; onPick(model: string): Promise<void> }) {
  const host = getHost()!;
  const [models, setModels] = useState<ModelInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const agentId = session.agentId ?? null;
  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    host.listChatModels(profileId, agentId).then(
      (m) => !cancelled && (setModels(m), setError(null)),
      (e: unknown) => !cancelled && setError(errorText(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [host, profileId, agentId, connected]);
  const current = session.model ?? "";
  const listed = models ?? [];
  const options = current && !listed.some((m) => m.ref === current) ? [{ ref: current, name: current, provider: "", available: true }, ...listed] : listed;
  return (
    <label className="model-picker">
      Model
      <select value={current} disabled={!connected || !models} onChange={(e) => void onPick(e.target.value)} title={error ?? undefined}>
        {current ? null : <option value="">(gateway default)</option>}
        {options.map((m) => (
          <option key={m.ref} value={m.ref}>
            {m.name === m.ref ? m.ref : `${m.name} (${m.ref})`}
            {m.available ? "" : " · unavailable"}
          </option>
        ))}
      </select>
      {error ? <span className="muted"> {error}</span> : null}
    </label>
  );
}
