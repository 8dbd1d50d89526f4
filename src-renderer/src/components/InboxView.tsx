// Why this file exists (issue 11): the operator inbox — what every connected gateway asks of a person
// (exec approvals, other devices' pairing requests) in one list, newest first, with a per-gateway filter
// (or fixed to one gateway inside its profile), a visible line for a gateway that did not grant the
// inbox's scopes, and short notes for items resolved elsewhere (another client, the CLI, expiry).
import { useId } from "react";
import { gatewayLines, itemKey, resolvedNotes, visibleItems } from "../inbox-model";
import { useStore } from "../store";
import { ExecCard } from "./ExecCard";
import { PairingCard } from "./PairingCard";

/** `connectionId` fixes the view to one gateway (the profile's Inbox tab); without it the combined view
 *  offers the gateway filter. */
export function InboxView({ connectionId }: { connectionId?: string }) {
  const inbox = useStore((s) => s.inbox);
  const inboxError = useStore((s) => s.inboxError);
  const chosen = useStore((s) => s.inboxFilter);
  const setFilter = useStore((s) => s.setInboxFilter);
  const filterId = useId();
  const fixed = connectionId !== undefined;
  // A filter on a gateway that left the inbox falls back to every gateway.
  const filter = fixed ? connectionId : chosen !== null && inbox.gateways.some((g) => g.connectionId === chosen) ? chosen : null;
  const items = visibleItems(inbox, filter);
  const lines = gatewayLines(inbox, filter);
  const notes = resolvedNotes(inbox, filter, Date.now());
  return (
    <section className="inbox" aria-label={fixed ? "Inbox of this gateway" : "Inbox"}>
      {!fixed ? (
        <div className="inbox-head">
          <h2>Inbox</h2>
          <label htmlFor={filterId}>Gateway</label>
          <select id={filterId} value={filter ?? ""} onChange={(e) => setFilter(e.target.value || null)}>
            <option value="">All gateways ({inbox.items.length})</option>
            {inbox.gateways.map((g) => (
              <option key={g.connectionId} value={g.connectionId}>
                {g.gatewayName} ({g.pending})
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {inboxError ? (
        <p role="alert" className="callout attention">
          {inboxError}
        </p>
      ) : null}
      {lines.map((l) => (
        <p key={`${l.connectionId}:${l.text}`} className={l.tone === "muted" ? "muted small" : `callout ${l.tone}`} role={l.tone === "attention" ? "alert" : undefined} data-testid="inbox-gateway-line">
          {l.text}
        </p>
      ))}
      {items.length === 0 ? (
        <p className="muted" data-testid="inbox-empty">
          {inbox.gateways.length === 0 ? "No gateway is connected; requests from connected gateways show here." : "Nothing is waiting for you."}
        </p>
      ) : null}
      <ul className="inbox-list" aria-label="Waiting for you" data-count={items.length}>
        {items.map((x) => (
          <li key={itemKey(x)}>{x.kind === "exec" ? <ExecCard item={x} /> : <PairingCard item={x} />}</li>
        ))}
      </ul>
      <div className="inbox-resolved">
        {notes.length ? <h3 className="small muted">Recently resolved</h3> : null}
        <ul aria-label="Recently resolved" aria-live="polite" data-testid="inbox-resolved">
          {notes.map((n) => (
            <li key={n.key} className="small">
              <code className="resolved-summary">{n.summary}</code> on {n.gatewayName}: {n.words} <span className="muted">at {new Date(n.at).toLocaleTimeString()}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
