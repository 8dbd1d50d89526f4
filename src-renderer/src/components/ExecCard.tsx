// Why this file exists (issue 11): one exec approval as a person decides on it — the command exactly and
// wholly (monospace, wrapping, never shortened; invisible characters shown as ⟨U+…⟩ so nothing can hide
// or reorder what runs), where and for whom it runs, the gateway's warnings, the expiry countdown, and
// Allow once / Allow always (only when the gateway offers it) / Deny with an optional reason for the agent.
import { Fragment, useId, useState } from "react";
import type { ExecApprovalItem } from "../../../src-shared/inbox";
import { getHost } from "../host";
import { commandParts, hiddenLabel } from "../inbox-model";
import { Countdown, OutcomeLine, Row, useAnswer } from "./InboxParts";

export function ExecCard({ item }: { item: ExecApprovalItem }) {
  const host = getHost()!;
  const titleId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const { busy, note, answer } = useAnswer();
  const offers = (d: ExecApprovalItem["allowedDecisions"][number]) => item.allowedDecisions.includes(d);
  const decide = (d: ExecApprovalItem["allowedDecisions"][number]) =>
    answer(d, () => host.answerExecApproval(item.connectionId, item.id, d, d === "deny" && reason.trim() ? reason.trim() : null));
  return (
    <article className="inbox-card" aria-labelledby={titleId} data-kind="exec" data-item-id={item.id} data-connection={item.connectionId}>
      <header className="inbox-card-head">
        <h3 id={titleId}>Run this command on {item.gatewayName}?</h3>
        <Countdown expiresAt={item.expiresAt} />
      </header>
      <Command command={item.command} />
      <dl className="inbox-facts">
        <Row label="Gateway">{item.gatewayName}</Row>
        <Row label="Agent">{item.agentId}</Row>
        <Row label="Session">{item.sessionKey ? <code>{item.sessionKey}</code> : null}</Row>
        <Row label="Working directory">{item.cwd ? <code>{item.cwd}</code> : null}</Row>
        <Row label="Runs on">{item.host ? `${item.host}${item.nodeId ? ` (node ${item.nodeId})` : ""}` : null}</Row>
        <Row label="Resolved binary">{item.resolvedPath ? <code>{item.resolvedPath}</code> : null}</Row>
        <Row label="Requested via">{item.requestedVia}</Row>
      </dl>
      {item.warnings.length ? (
        <ul className="inbox-warnings" aria-label="Gateway warnings">
          {item.warnings.map((w, i) => (
            <li key={i}>Warning: {w}</li>
          ))}
        </ul>
      ) : null}
      <div className="deny-reason">
        <label htmlFor={reasonId}>Reason for denying (optional)</label>
        <input id={reasonId} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} aria-describedby={`${reasonId}-hint`} />
        <p id={`${reasonId}-hint`} className="muted small">
          Sent to the agent in its session when you deny, so it knows why.
        </p>
      </div>
      <div className="actions">
        <button className="primary" disabled={busy !== null} onClick={() => void decide("allow-once")}>
          Allow once
        </button>
        {offers("allow-always") ? (
          <button disabled={busy !== null} onClick={() => void decide("allow-always")}>
            Allow always
          </button>
        ) : null}
        <button className="danger" disabled={busy !== null} onClick={() => void decide("deny")}>
          Deny
        </button>
      </div>
      {!offers("allow-always") ? <p className="muted small">Allow always is not offered: this gateway asks every time for this command.</p> : null}
      <OutcomeLine note={note} />
    </article>
  );
}

/** The command as it will run: every character, wrapped, with invisible ones made visible. */
function Command({ command }: { command: string }) {
  const parts = commandParts(command);
  const hidden = parts.some((p) => "hidden" in p);
  return (
    <>
      <pre className="inbox-command" data-testid="exec-command" aria-label="Command">
        {parts.map((p, i) =>
          "text" in p ? (
            <Fragment key={i}>{p.text}</Fragment>
          ) : (
            <span key={i} className="hidden-char" title={`invisible character ${hiddenLabel(p.hidden)}`}>
              ⟨{hiddenLabel(p.hidden)}⟩
            </span>
          ),
        )}
      </pre>
      {hidden ? (
        <p className="callout attention" role="note">
          This command contains invisible characters (shown as ⟨U+…⟩). They can hide or reorder what really runs: check it carefully.
        </p>
      ) : null}
      {command.length > 500 || command.includes("\n") ? (
        <p className="muted small">
          {command.split("\n").length} lines, {command.length.toLocaleString()} characters: all shown.
        </p>
      ) : null}
    </>
  );
}
