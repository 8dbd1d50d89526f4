// Why this file exists (issue 11): another device's pairing request as a person decides on it — the
// device's name, platform and family, the role and scopes it asks for in words, where it connects from,
// and whether it is new or a device paired before asking again — with Approve / Reject.
import { useId } from "react";
import type { PairingRequestItem } from "../../../src-shared/inbox";
import { scopesInWords } from "../../../src-shared/inbox";
import { getHost } from "../host";
import { OutcomeLine, Row, useAnswer } from "./InboxParts";

export function PairingCard({ item }: { item: PairingRequestItem }) {
  const host = getHost()!;
  const titleId = useId();
  const { busy, note, answer } = useAnswer();
  const name = item.displayName ?? `device ${item.deviceId.slice(0, 12)}`;
  const words = scopesInWords(item.scopes);
  const decide = (d: "approve" | "reject") => answer(d, () => host.answerPairingRequest(item.connectionId, item.id, d));
  return (
    <article className="inbox-card" aria-labelledby={titleId} data-kind="pairing" data-item-id={item.id} data-connection={item.connectionId}>
      <header className="inbox-card-head">
        <h3 id={titleId}>
          Pair {name} with {item.gatewayName}?
        </h3>
        <span className={item.isRepair ? "tag warn" : "tag"}>{item.isRepair ? "Paired before: asks again" : "New device"}</span>
      </header>
      <dl className="inbox-facts">
        <Row label="Gateway">{item.gatewayName}</Row>
        <Row label="Device">{name}</Row>
        <Row label="Device id">
          <code>{item.deviceId}</code>
        </Row>
        <Row label="Platform">{[item.platform, item.deviceFamily].filter(Boolean).join(" · ")}</Row>
        <Row label="Client">{item.clientId}</Row>
        <Row label="Role">{item.role}</Row>
        <Row label="Remote IP">{item.remoteIp}</Row>
      </dl>
      {item.isRepair ? <p className="muted small">This device was paired before and asks again: with a new key, or for more scopes than it had.</p> : null}
      {words.length ? (
        <>
          <p className="inbox-scopes-label">It asks to:</p>
          <ul className="inbox-scopes" aria-label="Requested scopes">
            {words.map((w, i) => (
              <li key={item.scopes[i]}>
                {w} <code className="muted small">{item.scopes[i]}</code>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted small">It asks for no scopes.</p>
      )}
      <div className="actions">
        <button className="primary" disabled={busy !== null} onClick={() => void decide("approve")}>
          Approve
        </button>
        <button className="danger" disabled={busy !== null} onClick={() => void decide("reject")}>
          Reject
        </button>
      </div>
      <OutcomeLine note={note} />
    </article>
  );
}
