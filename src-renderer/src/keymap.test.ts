import { describe, expect, it } from "vitest";
import type { OutboxEntry } from "../../src-shared/gateway-session";
import { composerKeyAction, gatewayAt, keyPlatform, lastUnsent, listKeyAction, tabKeyTarget, trapFocusIndex, windowKeyAction, type KeyInput } from "./keymap";

const key = (k: string, over: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...over });
const ctx = { empty: true, running: false, hasUnsent: false };

describe("window shortcuts", () => {
  it("Ctrl+1…9 switch gateways elsewhere, Cmd+1…9 on macOS", () => {
    expect(windowKeyAction(key("1", { ctrlKey: true }), "other")).toEqual({ kind: "switch-gateway", index: 0 });
    expect(windowKeyAction(key("9", { ctrlKey: true }), "other")).toEqual({ kind: "switch-gateway", index: 8 });
    expect(windowKeyAction(key("3", { metaKey: true }), "mac")).toEqual({ kind: "switch-gateway", index: 2 });
    expect(windowKeyAction(key("3", { ctrlKey: true }), "mac")).toBeNull();
    expect(windowKeyAction(key("3", { metaKey: true }), "other")).toBeNull();
  });
  it("0, plain digits, Shift, Alt (AltGr) and both modifiers are not shortcuts", () => {
    expect(windowKeyAction(key("0", { ctrlKey: true }), "other")).toBeNull();
    expect(windowKeyAction(key("1"), "other")).toBeNull();
    expect(windowKeyAction(key("1", { ctrlKey: true, shiftKey: true }), "other")).toBeNull();
    expect(windowKeyAction(key("1", { ctrlKey: true, altKey: true }), "other")).toBeNull();
    expect(windowKeyAction(key("1", { ctrlKey: true, metaKey: true }), "other")).toBeNull();
  });
  it("Ctrl/Cmd+K opens the palette (either case)", () => {
    expect(windowKeyAction(key("k", { ctrlKey: true }), "other")).toEqual({ kind: "palette" });
    expect(windowKeyAction(key("K", { metaKey: true }), "mac")).toEqual({ kind: "palette" });
    expect(windowKeyAction(key("k"), "other")).toBeNull();
  });
  it("the platform from navigator.platform or process.platform", () => {
    expect(keyPlatform("MacIntel")).toBe("mac");
    expect(keyPlatform("darwin")).toBe("mac");
    expect(keyPlatform("Linux x86_64")).toBe("other");
    expect(keyPlatform("Win32")).toBe("other");
    expect(keyPlatform(undefined)).toBe("other");
  });
  it("the Nth gateway in list order, or none", () => {
    const ps = [{ id: "a" }, { id: "b" }];
    expect(gatewayAt(ps, 1)).toBe("b");
    expect(gatewayAt(ps, 2)).toBeNull();
  });
});

describe("composer keys", () => {
  it("Enter sends, Shift+Enter is a new line, an IME composition's Enter is neither", () => {
    expect(composerKeyAction(key("Enter"), { ...ctx, empty: false })).toBe("send");
    expect(composerKeyAction(key("Enter", { shiftKey: true }), ctx)).toBe("newline");
    expect(composerKeyAction(key("Enter", { isComposing: true }), ctx)).toBeNull();
    expect(composerKeyAction(key("Enter", { ctrlKey: true }), ctx)).toBeNull();
  });
  it("Up edits the last unsent message only in an empty box and only when there is one", () => {
    expect(composerKeyAction(key("ArrowUp"), { ...ctx, hasUnsent: true })).toBe("edit-last");
    expect(composerKeyAction(key("ArrowUp"), { ...ctx, hasUnsent: false })).toBeNull();
    expect(composerKeyAction(key("ArrowUp"), { ...ctx, empty: false, hasUnsent: true })).toBeNull();
    expect(composerKeyAction(key("ArrowUp", { shiftKey: true }), { ...ctx, hasUnsent: true })).toBeNull();
  });
  it("Esc aborts only while a reply runs", () => {
    expect(composerKeyAction(key("Escape"), { ...ctx, running: true })).toBe("abort");
    expect(composerKeyAction(key("Escape"), ctx)).toBeNull();
  });
  it("the last unsent message is the newest failed one of this session", () => {
    const e = (k: string, state: OutboxEntry["state"], sessionKey = "s"): OutboxEntry => ({ idempotencyKey: k, sessionKey, text: k, state, runId: null, error: null, createdAt: 0, sentAt: null });
    expect(lastUnsent([e("a", "failed"), e("b", "failed"), e("c", "delivered")], "s")?.idempotencyKey).toBe("b");
    expect(lastUnsent([e("a", "failed"), e("b", "failed", "other")], "s")?.idempotencyKey).toBe("a");
    // Queued still goes out by itself; taking it back could deliver it twice.
    expect(lastUnsent([e("a", "queued"), e("b", "sending"), e("c", "sent")], "s")).toBeNull();
  });
});

describe("tabs, list and focus trap", () => {
  it("Left/Right wrap, Home/End jump, other keys are not handled", () => {
    expect(tabKeyTarget("ArrowRight", 4, 5)).toBe(0);
    expect(tabKeyTarget("ArrowLeft", 0, 5)).toBe(4);
    expect(tabKeyTarget("ArrowRight", 1, 5)).toBe(2);
    expect(tabKeyTarget("Home", 3, 5)).toBe(0);
    expect(tabKeyTarget("End", 0, 5)).toBe(4);
    expect(tabKeyTarget("ArrowDown", 0, 5)).toBeNull();
    expect(tabKeyTarget("ArrowRight", 0, 0)).toBeNull();
  });
  it("the palette list: Up/Down wrap, Enter runs when something is listed, Esc closes", () => {
    expect(listKeyAction("ArrowDown", 2, 3)).toEqual({ kind: "move", index: 0 });
    expect(listKeyAction("ArrowUp", 0, 3)).toEqual({ kind: "move", index: 2 });
    expect(listKeyAction("End", 0, 3)).toEqual({ kind: "move", index: 2 });
    expect(listKeyAction("Enter", 0, 3)).toEqual({ kind: "run" });
    expect(listKeyAction("Enter", 0, 0)).toBeNull();
    expect(listKeyAction("ArrowDown", 0, 0)).toBeNull();
    expect(listKeyAction("Escape", 0, 0)).toEqual({ kind: "close" });
    expect(listKeyAction("a", 0, 3)).toBeNull();
  });
  it("Tab and Shift+Tab wrap inside a dialog; from outside it, to the first or last control", () => {
    expect(trapFocusIndex(2, 3, false)).toBe(0);
    expect(trapFocusIndex(0, 3, true)).toBe(2);
    expect(trapFocusIndex(1, 3, false)).toBe(2);
    expect(trapFocusIndex(-1, 3, false)).toBe(0);
    expect(trapFocusIndex(-1, 3, true)).toBe(2);
    expect(trapFocusIndex(0, 0, false)).toBeNull();
  });
});
