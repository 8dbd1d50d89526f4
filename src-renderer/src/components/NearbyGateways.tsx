// "Found on your network" in Add gateway (issue 13 §1, §5): the gateways announcing themselves over
// mDNS and, where Tailscale is installed, the tailnet's peers; choosing one fills the form
// (discovery-model.ts). Asks the host on open and every 30 s while shown (that keeps the host's browse
// running); changes in between arrive as `discovery` events. Says so when Tailscale was not found.
// Gateways published in a configured wide-area DNS-SD domain get their own heading naming the domain,
// and a domain that could not be read says why (one line each). The domains themselves are edited just
// below the list (WideAreaDomains.tsx); after a change the list is asked again.
import { useEffect, useRef, useState } from "react";
import type { DiscoveredGateway, DiscoveryView } from "../../../src-shared/discovery";
import { getHost } from "../host";
import { candidateDetail } from "../discovery-model";
import { WideAreaDomains } from "./WideAreaDomains";

const REFRESH_MS = 30_000;

export function NearbyGateways({ onChoose }: { onChoose: (g: DiscoveredGateway) => void }) {
  const [view, setView] = useState<DiscoveryView | null>(null);
  const [failed, setFailed] = useState(false);
  const askAgain = useRef<() => void>(() => undefined);
  useEffect(() => {
    const host = getHost();
    if (!host) return;
    let live = true;
    // Suggestions only: whatever goes wrong here must not take the form down.
    const ask = () => void Promise.resolve().then(() => host.discoverGateways()).then((v) => live && setView(v), () => live && setFailed(true));
    const off = host.on("discovery", (v) => live && setView(v));
    askAgain.current = ask;
    ask();
    const timer = setInterval(ask, REFRESH_MS);
    return () => {
      live = false;
      off();
      clearInterval(timer);
    };
  }, []);
  if (failed && !view) return null;
  const lan = view?.gateways.filter((g) => g.source === "mdns") ?? [];
  const tailnet = view?.gateways.filter((g) => g.source === "tailscale") ?? [];
  const wide = view?.gateways.filter((g) => g.source === "wide-area") ?? [];
  const domains = view?.wideArea?.domains ?? [];
  return (
    <section className="nearby-gateways" aria-label="Gateways found on your network">
      <h3>Found on your network</h3>
      {!view ? <p className="muted">Looking for gateways…</p> : null}
      {view && !lan.length && !view.mdnsError ? <p className="muted">No gateway is announcing itself on this network (its bonjour plugin must be on).</p> : null}
      {view?.mdnsError ? <p className="muted">{view.mdnsError}</p> : null}
      <CandidateList gateways={lan} onChoose={onChoose} />
      {domains.length ? <h4>Published in {domains.join(", ")} (wide-area DNS-SD)</h4> : null}
      <CandidateList gateways={wide} onChoose={onChoose} />
      {view?.wideArea?.errors.map((e, i) => (
        <p key={i} className="muted wide-area-state">
          {e}
        </p>
      ))}
      {tailnet.length ? <h4>Tailscale peers that could host a gateway</h4> : null}
      <CandidateList gateways={tailnet} onChoose={onChoose} />
      {view && view.tailscale.state !== "found" && view.tailscale.message ? <p className="muted tailscale-state">{view.tailscale.message}</p> : null}
      <WideAreaDomains onChanged={() => askAgain.current()} />
    </section>
  );
}

function CandidateList({ gateways, onChoose }: { gateways: DiscoveredGateway[]; onChoose: (g: DiscoveredGateway) => void }) {
  if (!gateways.length) return null;
  return (
    <ul className="candidates">
      {gateways.map((g) => (
        <li key={g.id}>
          {/* No aria-label: the visible name and detail are the accessible name (axe label-content-name-mismatch). */}
          <button type="button" onClick={() => onChoose(g)}>
            <strong>{g.name}</strong> <span className="muted">{candidateDetail(g)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
