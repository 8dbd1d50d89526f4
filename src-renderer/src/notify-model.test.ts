import { describe, expect, it } from "vitest";
import type { NotificationDescriptor } from "../../src-shared/notification-policy";
import { connectionSnapshot } from "../../src-shared/testing/connection-snapshot";
import { execItem } from "../../src-shared/testing/inbox-items";
import { BANNERS_KEPT, bannerNeeded, canAskPermission, dropBanner, inboxInput, pruneBanners, surfaceFor, upsertBanner, viewFor } from "./notify-model";

const banner = (key: string, over: Partial<NotificationDescriptor> = {}): NotificationDescriptor => ({
  key,
  title: key,
  body: "",
  actions: [],
  target: { kind: "inbox-item", connectionId: "home", itemKind: "exec", itemId: key },
  quiet: false,
  ...over,
});
const inbox = (...ids: string[]) => ({ items: ids.map((id) => execItem({ id })), gateways: [], resolved: [], seq: 1 });

describe("web host notifications", () => {
  it("go to the system only once the person allowed them; the banner otherwise; the button only while the browser would ask", () => {
    expect(surfaceFor("granted")).toBe("system");
    for (const p of ["default", "denied", "unsupported"] as const) expect(surfaceFor(p)).toBe("banner");
    expect(canAskPermission("default")).toBe(true);
    expect(canAskPermission("denied")).toBe(false);
    expect(canAskPermission("unsupported")).toBe(false);
  });

  it("banners: newest on top, one per key (replaced in place), a few at most, dismissable", () => {
    let list = upsertBanner([], banner("a"));
    list = upsertBanner(list, banner("b"));
    list = upsertBanner(list, banner("a", { title: "a again" }));
    expect(list.map((b) => b.title)).toEqual(["b", "a again"]);
    for (const k of ["c", "d", "e", "f"]) list = upsertBanner(list, banner(k));
    expect(list.map((b) => b.key)).toEqual(["f", "e", "d", "c"].slice(0, BANNERS_KEPT));
    expect(dropBanner(list, "e").map((b) => b.key)).toEqual(["f", "d", "c"]);
  });

  it("no banner for a request while the visible page shows the inbox (its card is there); other banners still show", () => {
    expect(bannerNeeded(banner("a1"), { inboxOpen: true, hidden: false })).toBe(false);
    expect(bannerNeeded(banner("more", { target: { kind: "inbox" } }), { inboxOpen: true, hidden: false })).toBe(false);
    expect(bannerNeeded(banner("a1"), { inboxOpen: false, hidden: false })).toBe(true);
    expect(bannerNeeded(banner("a1"), { inboxOpen: true, hidden: true })).toBe(true);
    expect(bannerNeeded(banner("c", { target: { kind: "connection", connectionId: "home" } }), { inboxOpen: true, hidden: false })).toBe(true);
  });

  it("a request's banner leaves when the request leaves the inbox; other banners stay", () => {
    const list = [banner("a1"), banner("a2"), banner("more", { target: { kind: "inbox" } })];
    expect(pruneBanners(list, inbox("a2")).map((b) => b.key)).toEqual(["a2", "more"]);
    expect(pruneBanners(list, inbox("a1", "a2"))).toBe(list);
  });

  it("opening a target: a request opens the inbox on its gateway, a connection its status, a reply its chat session", () => {
    expect(viewFor({ kind: "inbox-item", connectionId: "vps", itemKind: "pairing", itemId: "r1" })).toEqual({ view: "inbox", connectionId: "vps" });
    expect(viewFor({ kind: "inbox" })).toEqual({ view: "inbox", connectionId: null });
    expect(viewFor({ kind: "connection", connectionId: "home" })).toEqual({ view: "profile", profileId: "home", tab: "status" });
    expect(viewFor({ kind: "chat", connectionId: "home", sessionKey: "main" })).toEqual({ view: "profile", profileId: "home", tab: "chat", sessionKey: "main" });
  });

  it("the first inbox the page sees is known, not news; later ones offer every item", () => {
    const c = [connectionSnapshot({ state: "needs-attention" })];
    expect(inboxInput(inbox("a1"), false, c)).toEqual({ type: "known", items: inbox("a1").items, connections: c });
    expect(inboxInput(inbox("a1"), true, c)).toEqual({ type: "inbox-new", items: inbox("a1").items });
  });
});
