// How a chat session is named where it is shown (issue 12: "show a session's label (or a readable
// form of its key), ellipsised — never the first message's text"). Shared by the host, the CLI and the UI.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A key as a person reads it: "agent:main:main" → "main", "agent:main:dashboard:0527b51e-…" →
 * "dashboard 0527b51e", "agent:ops:work" → "work (ops)".
 */
export function readableSessionKey(key: string): string {
  const parts = key.split(":");
  const agent = parts[0] === "agent" && parts.length >= 3 ? parts[1]! : null;
  const rest = (agent ? parts.slice(2) : parts).map((p) => (UUID.test(p) ? p.slice(0, 8) : p));
  const name = rest.join(" ") || key;
  return agent && agent !== "main" ? `${name} (${agent})` : name;
}

/** The agent id a session key names ("agent:<id>:…"), or null. */
export function agentOfKey(key: string): string | null {
  const m = /^agent:([^:]+):/.exec(key);
  return m ? m[1]! : null;
}
