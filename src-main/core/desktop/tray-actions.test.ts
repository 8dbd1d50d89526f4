import { describe, expect, it } from "vitest";
import { runTrayAction, type TrayActionDeps } from "./tray-actions.js";

function fakes(over: Partial<TrayActionDeps> = {}) {
  const calls: string[] = [];
  const d: TrayActionDeps = {
    connect: async (id) => void calls.push(`connect ${id}`),
    disconnect: async (id) => void calls.push(`disconnect ${id}`),
    controlUiUrl: async (id) => (id === "home" ? "http://127.0.0.1:18790/#token=t" : null),
    oneShotLink: async (target) => {
      calls.push(`link ${target}`);
      return { url: "http://127.0.0.1:5555/nonce", close: () => calls.push("link closed") };
    },
    openExternal: (url) => (calls.push(`open ${url}`), true),
    copyText: (t) => void calls.push(`copy ${t}`),
    setStartAtLogin: async (on) => void calls.push(`login ${on}`),
    refreshTray: async () => void calls.push("refresh"),
    showWindow: () => void calls.push("show"),
    answerInbox: async (ref, decision) => (calls.push(`answer ${ref.connectionId}/${ref.itemKind}/${ref.itemId} ${decision}`), { kind: "done", item: ref.itemId }),
    openInbox: (item) => void calls.push(`inbox ${item ? item.itemId : "all"}`),
    tell: (m) => void calls.push(`tell ${m}`),
    quit: () => void calls.push("quit"),
    warn: (m, f) => void calls.push(`warn ${m} ${JSON.stringify(f)}`),
    ...over,
  };
  return { d, calls };
}

describe("tray actions", () => {
  it("connects, disconnects, opens the window, copies and quits", async () => {
    const { d, calls } = fakes();
    await runTrayAction({ type: "connect", profileId: "home" }, d);
    await runTrayAction({ type: "disconnect", profileId: "home" }, d);
    await runTrayAction({ type: "open-window" }, d);
    await runTrayAction({ type: "copy-text", text: "openclaw devices approve x" }, d);
    await runTrayAction({ type: "quit" }, d);
    expect(calls).toEqual(["connect home", "disconnect home", "show", "copy openclaw devices approve x", "quit"]);
  });

  it("hands the browser a one-shot link to the Control UI, never the tokened URL itself", async () => {
    const { d, calls } = fakes();
    await runTrayAction({ type: "open-control-ui", profileId: "home" }, d);
    expect(calls).toEqual(["link http://127.0.0.1:18790/#token=t", "open http://127.0.0.1:5555/nonce"]);
  });

  it("closes the one-shot link when the browser could not be opened, and does nothing while not connected", async () => {
    const { d, calls } = fakes({ openExternal: () => false });
    await runTrayAction({ type: "open-control-ui", profileId: "home" }, d);
    expect(calls).toEqual(["link http://127.0.0.1:18790/#token=t", "link closed"]);
    calls.length = 0;
    await runTrayAction({ type: "open-control-ui", profileId: "vps" }, d);
    expect(calls).toEqual([]);
  });

  it("sets start at login, then renders the tray again", async () => {
    const { d, calls } = fakes();
    await runTrayAction({ type: "set-start-at-login", enabled: true }, d);
    expect(calls).toEqual(["login true", "refresh"]);
  });

  it("logs a failed action instead of throwing into the menu callback", async () => {
    const { d, calls } = fakes({ connect: () => Promise.reject(new Error("no profile \"x\"")) });
    await expect(runTrayAction({ type: "connect", profileId: "x" }, d)).resolves.toBeUndefined();
    expect(calls).toEqual(['warn tray action connect failed {"error":"no profile \\"x\\""}']);
  });

  it("answers an inbox item on its gateway and opens the inbox (at one item)", async () => {
    const { d, calls } = fakes();
    await runTrayAction({ type: "answer-inbox", connectionId: "home", itemKind: "exec", itemId: "a1", decision: "allow-once" }, d);
    await runTrayAction({ type: "open-inbox", item: { connectionId: "home", itemKind: "exec", itemId: "a1" } }, d);
    await runTrayAction({ type: "open-inbox", item: null }, d);
    expect(calls).toEqual(["answer home/exec/a1 allow-once", "inbox a1", "inbox all"]);
  });

  it("tells the person when an answer did not go through (resolved elsewhere meanwhile)", async () => {
    const { d, calls } = fakes({ answerInbox: async () => ({ kind: "already-resolved", message: "a1 was already resolved (deny by phone)." }) });
    await runTrayAction({ type: "answer-inbox", connectionId: "home", itemKind: "exec", itemId: "a1", decision: "allow-once" }, d);
    expect(calls).toEqual(["tell a1 was already resolved (deny by phone)."]);
  });
});
