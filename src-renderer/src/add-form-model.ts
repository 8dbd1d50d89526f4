// The Add form's two checks that need no host (issue 12's first run, pure so they are unit-tested):
// - a dashboard link pasted into the URL field carries its token in `#token=…`; it leaves the URL field
//   the moment it is parsed and goes into the (masked) token field, so it is never shown in clear text;
// - a gateway that is already a profile (the same endpoint) is named, so the form can offer to open
//   that profile instead of making a second copy of it.
import type { ProfileView } from "../../src-shared/host-api";

/** The URL without its `token=` (fragment or query), and the token it carried. */
export function splitLinkToken(input: string): { url: string; token: string | null } {
  const m = /([#?&])token=([^&#\s]*)/i.exec(input);
  if (!m) return { url: input, token: null };
  let token = m[2]!;
  try {
    token = decodeURIComponent(token);
  } catch {
    /* not percent-encoded: kept as typed */
  }
  // Drop `token=…` and any separator it leaves dangling (`#`, `?`, `&`).
  const url = (input.slice(0, m.index) + (m[1] === "&" ? "" : m[1]) + input.slice(m.index + m[0].length)).replace(/[#?&]+$/, "").replace(/([?#])&/, "$1");
  return { url, token: token || null };
}

const DEFAULT_PORT: Record<string, number> = { "ws:": 80, "http:": 80, "wss:": 443, "https:": 443 };

/** scheme-independent host:port/path of a gateway URL (http(s) counts as ws(s)); null when it is not one. */
function endpointOfUrl(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `wss://${text}`);
    const port = u.port ? Number(u.port) : DEFAULT_PORT[u.protocol];
    if (port === undefined) return null;
    const secure = u.protocol === "wss:" || u.protocol === "https:";
    return `${secure ? "wss" : "ws"}://${u.hostname.toLowerCase()}:${port}${u.pathname.replace(/\/+$/, "")}`;
  } catch {
    return null;
  }
}

/** user@host:port of an SSH target as typed (no user/port: as typed), with the gateway's remote port. */
function endpointOfSsh(target: string, remotePort: number | null): string | null {
  const t = target.trim().toLowerCase();
  return t ? `${t.replace(/:22$/, "")}→${remotePort ?? ""}` : null;
}

export type AddCandidate = { kind: "direct"; url: string } | { kind: "ssh"; target: string; remotePort: number | null };

/** The saved profile that already reaches the gateway the form describes, if any. */
export function existingProfileFor(c: AddCandidate, profiles: readonly ProfileView[]): ProfileView | null {
  if (c.kind === "direct") {
    const want = endpointOfUrl(splitLinkToken(c.url).url);
    return want ? (profiles.find((p) => p.direct && endpointOfUrl(p.direct.url) === want) ?? null) : null;
  }
  const want = endpointOfSsh(c.target, c.remotePort);
  return want ? (profiles.find((p) => p.ssh && endpointOfSsh(p.ssh.target, p.ssh.remotePort) === want) ?? null) : null;
}
