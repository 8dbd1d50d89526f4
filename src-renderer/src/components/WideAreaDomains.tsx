import { useEffect, useRef, useState } from "react";
import { fieldOfWideAreaRefusal, WIDE_AREA_FIELD_LABEL, type WideAreaEditInput, type WideAreaField, type WideAreaSettings } from "../../../src-shared/wide-area-settings";
import { getHost } from "../host";
import { addDomainPlan, domainDetail, domainSavedMessage, EMPTY_DOMAIN, type AddDomainTexts, type DomainPlan } from "../wide-area-form-model";
import { errorText } from "../store";

/**
 * Issue 13 §1: the wide-area DNS-SD domains "Found on your network" looks up, and a form to add one
 * (with the DNS server to ask for it, optionally) or remove one. Each change is one host
 * editWideAreaDomains call (the core `clawlink discover --add-domain / --remove-domain` uses), kept in
 * <config dir>/discovery.json; a refusal names its field and writes nothing; `onChanged` has the list
 * above asked again. A domain from OPENCLAW_WIDE_AREA_DOMAIN is shown as such, without a Remove button.
 */
export function WideAreaDomains({ onChanged }: { onChanged: () => void }) {
  const [settings, setSettings] = useState<WideAreaSettings | null>(null);
  const [texts, setTexts] = useState<AddDomainTexts>(EMPTY_DOMAIN);
  const [error, setError] = useState<{ field: WideAreaField | null; text: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const domainInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const host = getHost();
    if (host) void Promise.resolve().then(() => host.wideAreaSettings()).then(setSettings, (e: unknown) => setError({ field: null, text: errorText(e) }));
  }, []);
  const send = async (plan: DomainPlan, after?: () => void) => {
    setError(null);
    setSaved(null);
    if (!plan.ok) {
      setError({ field: plan.field, text: plan.message });
      if (plan.field) document.getElementById(`wide-area-${plan.field}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const r = await getHost()!.editWideAreaDomains(plan.edit);
      setSettings(r);
      setSaved(domainSavedMessage(r));
      after?.();
      onChanged();
    } catch (e) {
      const text = errorText(e);
      setError({ field: fieldOfWideAreaRefusal(text), text });
    } finally {
      setBusy(false);
    }
  };
  const remove = (domain: string) => void send({ ok: true, edit: { remove: domain } satisfies WideAreaEditInput }, () => domainInput.current?.focus());
  const invalid: Invalid = (f) => (error?.field === f ? { "aria-invalid": true as const, "aria-describedby": "wide-area-error" } : {});
  const count = settings?.domains.length ?? 0;
  return (
    <details className="wide-area-domains" data-testid="wide-area-domains">
      <summary>Wide-area DNS-SD domains{count ? ` (${count})` : ""}</summary>
      <p className="muted small">Gateways on other networks can publish themselves in a unicast DNS domain (the gateway's discovery.wideArea.domain). Each domain here is looked up every 30 s while this form is open.</p>
      {settings?.problem ? <p className="callout warn">{settings.problem}</p> : null}
      <DomainList settings={settings} busy={busy} remove={remove} />
      <AddDomainForm texts={texts} setTexts={setTexts} busy={busy} invalid={invalid} inputRef={domainInput} onSubmit={() => void send(addDomainPlan(texts), () => setTexts(EMPTY_DOMAIN))} />
      {error ? (
        <p role="alert" className="callout attention" id="wide-area-error" data-testid="wide-area-error">
          {error.text}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="muted" data-testid="wide-area-saved">
          {saved}
        </p>
      ) : null}
    </details>
  );
}

type Invalid = (f: WideAreaField) => { "aria-invalid"?: true; "aria-describedby"?: string };

/** The domains looked up, each with where it is asked; the form's own ones can be removed. */
function DomainList({ settings, busy, remove }: { settings: WideAreaSettings | null; busy: boolean; remove: (domain: string) => void }) {
  const domains = settings?.domains ?? [];
  if (!domains.length) return <p className="muted small">No domain yet.</p>;
  return (
    <ul aria-label="Wide-area domains looked up" className="wide-area-list">
      {domains.map((d) => (
        <li key={`${d.from}-${d.domain}`}>
          <code>{d.domain}</code> <span className="muted small">{domainDetail(d, settings?.dnsServers ?? [])}</span>
          {d.from === "settings" ? (
            <button type="button" aria-label={`Remove ${d.domain}`} disabled={busy} onClick={() => remove(d.domain)}>
              Remove
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function AddDomainForm(p: { texts: AddDomainTexts; setTexts: (t: AddDomainTexts) => void; busy: boolean; invalid: Invalid; inputRef: React.RefObject<HTMLInputElement | null>; onSubmit: () => void }) {
  const { texts, setTexts, invalid } = p;
  return (
    <form
      className="form"
      aria-label="Add a wide-area domain"
      onSubmit={(e) => {
        e.preventDefault();
        p.onSubmit();
      }}
    >
      <div className="field">
        <label htmlFor="wide-area-domain">{WIDE_AREA_FIELD_LABEL.domain}</label>
        <input ref={p.inputRef} id="wide-area-domain" value={texts.domain} placeholder="openclaw.internal" autoComplete="off" spellCheck={false} {...invalid("domain")} onChange={(e) => setTexts({ ...texts, domain: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="wide-area-dnsServer">{WIDE_AREA_FIELD_LABEL.dnsServer}</label>
        <input id="wide-area-dnsServer" value={texts.dnsServer} placeholder="optional: IP[:port]; else the system's DNS" autoComplete="off" spellCheck={false} {...invalid("dnsServer")} onChange={(e) => setTexts({ ...texts, dnsServer: e.target.value })} />
      </div>
      <div className="actions">
        <button type="submit" disabled={p.busy}>
          Add domain
        </button>
      </div>
    </form>
  );
}
