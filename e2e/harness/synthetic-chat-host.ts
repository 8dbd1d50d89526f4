// A synthetic host for the renderer-only chat specs (ui-chat-10k, ui-chat-stream-render): passed to
// page.addInitScript, it runs in the page before its scripts and defines window.clawlink with one connected
// direct profile and a transcript of `count` rows, answering the calls the chat makes with HostReply values;
// window.__emit(name, payload) sends a host event (chatDelta, chatTool, …). What these specs measure or check
// is the built renderer alone — a gateway answers chat.history with a few hundred rows at most and cannot
// be made to stream a chosen reply — so no real host takes part here; the real-gateway chat is
// ui-chat-live / ui-chat-sessions. Self-contained: addInitScript serialises the function, so it closes over
// nothing.

export interface SyntheticChatHost {
  /** The profile's id and name. */
  id: string;
  name: string;
  /** Transcript rows, oldest first; row i says `${label} ${i}: ` then "lorem ipsum " repeated repeat[0] + i % repeat[1] times (two numbers). */
  count: number;
  label: string;
  repeat: readonly number[];
  /** Every n-th row (n > 0) is a markdown message with bold, a list and inline code instead. */
  markdownEvery: number;
}

export function syntheticChatHost(o: SyntheticChatHost): void {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const emit = (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l(payload));
  const now = Date.now();
  const conn = {
    id: o.id, name: o.name, kind: "direct", state: "connected", attention: null, layer: "gateway", attempt: 0, nextAttemptAt: null, localPort: null,
    portFallback: false, sshAuth: null, warning: null, url: "ws://127.0.0.1:1", tlsChange: null, pairing: null,
    connected: { serverVersion: "2026.9.6", protocol: 3, connId: "c", authMethod: "token", authSource: "keychain", role: "operator", scopes: [], connectedAt: now }, seq: 1, updatedAt: now,
  };
  const profile = {
    id: o.id, name: o.name, kind: "direct", connectAtStart: false, authMode: "token", importedFrom: null, ssh: null, direct: { url: "ws://127.0.0.1:1", tlsPinned: false },
    local: null, stored: { token: true, password: false }, credential: { token: "keychain", password: null, missing: null },
  };
  const messages = Array.from({ length: o.count }, (_, i) => ({
    id: `m${i}`, role: i % 2 ? "assistant" : "user", ts: now - (o.count - i) * 1000, sendId: null, error: null,
    text: o.markdownEvery > 0 && i % o.markdownEvery === 0 ? `**${o.label} ${i}** with a list:\n\n- one\n- two\n\n\`code ${i}\`` : `${o.label} ${i}: ${"lorem ipsum ".repeat(o.repeat[0]! + (i % o.repeat[1]!))}`,
  }));
  const ok = async (value: unknown) => ({ ok: true, value });
  const app = { name: "Clawlink", version: "test", platform: "linux", host: "web", secretStore: "keychain" };
  (globalThis as Record<string, unknown>).__emit = emit;
  (globalThis as Record<string, unknown>).clawlink = {
    getAppInfo: () => ok(app),
    getState: () => ok({ app, profiles: [profile], connections: [conn], statuses: [], prompts: [], notices: [] }),
    openChat: () => ok({ sessionKey: "agent:main:main", messages, outbox: [] }),
    listChatSessions: () => ok([{ key: "agent:main:main", label: "main", updatedAt: now }]),
    listSshHosts: () => ok([]),
    on: (name: string, l: (p: unknown) => void) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(l);
      return () => set.delete(l);
    },
  };
}
