// The Add gateway form's wide-area domains (issue 13 §1), pure so it is unit-tested: what the typed
// text becomes as one editWideAreaDomains call (the shared check, so the form refuses with the host's
// and the CLI's words, naming the field), how a domain in the list is described, and what is said after.
import { checkWideAreaEdit, WIDE_AREA_ENV, type WideAreaEditInput, type WideAreaEditResult, type WideAreaField, type WideAreaSettings } from "../../src-shared/wide-area-settings";

export interface AddDomainTexts {
  domain: string;
  dnsServer: string;
}
export const EMPTY_DOMAIN: AddDomainTexts = { domain: "", dnsServer: "" };

export type DomainPlan = { ok: true; edit: WideAreaEditInput } | { ok: false; field: WideAreaField | null; message: string };

/** "Add domain": the domain and, when typed, the DNS server to ask for it. */
export function addDomainPlan(t: AddDomainTexts): DomainPlan {
  const r = checkWideAreaEdit({ add: { domain: t.domain, ...(t.dnsServer.trim() ? { dnsServer: t.dnsServer } : {}) } });
  return r.ok ? { ok: true, edit: r.edit } : { ok: false, field: r.refusal.field, message: r.refusal.message };
}

type Entry = WideAreaSettings["domains"][number];

/** The line under a domain: where it is asked, and where it comes from when not from the form. */
export function domainDetail(e: Entry, common: readonly string[]): string {
  const asked = e.dnsServer ? `asking ${e.dnsServer}` : common.length ? `asking ${common.join(", ")}` : "asking the system's DNS";
  return e.from === "environment" ? `${asked}; from the environment (${WIDE_AREA_ENV}), not removable here` : asked;
}

/** After a change: what changed, and that the list is being looked up again. */
export function domainSavedMessage(r: Pick<WideAreaEditResult, "changes">): string {
  const what = r.changes.join("; ") || "nothing changed";
  return `Saved: ${what[0]!.toUpperCase()}${what.slice(1)}. Looking the domains up again…`;
}
