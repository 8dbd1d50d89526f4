// Why exists (issue 11 item 4): the page's side of notifications. In both hosts it follows the desktop
// shell's `navigate` requests (a clicked desktop notification opens its item here) and the notification
// settings (the Settings screen's mute toggle). In the web host (`clawlink serve`, where no main process
// shows native notifications) it also runs the shared policy (src-shared/notification-policy.ts) on what
// the host sends: a browser notification once the person allowed it (only ever asked from the "Enable
// notifications" button), the in-page banner otherwise (NotificationBanner.tsx). The pure parts are in
// notify-model.ts.
import { create } from "zustand";
import type { HostApi, HostEventMessage } from "../../src-shared/host-api";
import type { InboxRef, QuickDecision } from "../../src-shared/inbox-glance";
import { policyInputOf } from "../../src-shared/notification-io";
import { DEFAULT_NOTIFICATION_SETTINGS, NotificationPolicy, type NotificationDescriptor, type NotificationSettings, type NotificationTarget, type PolicyInput } from "../../src-shared/notification-policy";
import { answerQuick, quickAnswerMessage } from "../../src-shared/quick-answer";
import { getHost } from "./host";
import { bannerNeeded, dropBanner, inboxInput, pruneBanners, surfaceFor, upsertBanner, viewFor, type Permission } from "./notify-model";
import { errorText, useStore } from "./store";

interface NotifyState {
  banners: NotificationDescriptor[];
  permission: Permission;
  settings: NotificationSettings;
}

function readPermission(): Permission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

export const useNotify = create<NotifyState>(() => ({ banners: [], permission: readPermission(), settings: DEFAULT_NOTIFICATION_SETTINGS }));

/** Opens what a notification is about: the inbox (on the item's gateway), a connection's status, a chat. */
export function openTarget(target: NotificationTarget): void {
  const plan = viewFor(target);
  const s = useStore.getState();
  if (plan.view === "inbox") return s.showInbox(plan.connectionId);
  s.select(plan.profileId);
  s.setTab(plan.tab);
  if (plan.tab === "chat") s.setOpenSession(plan.profileId, plan.sessionKey);
}

// The desktop shell may ask to open something before React has mounted (a window created for a clicked
// notification gets the request once its page has loaded), so this listens from the moment the module loads.
getHost()?.on("navigate", (p) => openTarget(p.target));

/** The "Enable notifications" button: the only place the page asks for the browser's permission. */
export async function enableBrowserNotifications(): Promise<void> {
  if (typeof Notification === "undefined") return;
  const permission = await Notification.requestPermission();
  useNotify.setState({ permission });
}

export function dismissBanner(key: string): void {
  useNotify.setState((s) => ({ banners: dropBanner(s.banners, key) }));
}

/** A banner's button: answers the item on its gateway through the host, then the banner goes. */
export async function answerFromBanner(host: HostApi, n: NotificationDescriptor, ref: InboxRef, decision: QuickDecision): Promise<void> {
  const answerer = {
    answerExec: (c: string, id: string, d: "allow-once" | "allow-always" | "deny") => host.answerExecApproval(c, id, d, null),
    answerPairing: (c: string, id: string, d: "approve" | "reject") => host.answerPairingRequest(c, id, d),
  };
  try {
    const message = quickAnswerMessage(await answerQuick(answerer, ref, decision));
    if (message) useStore.getState().notify("warn", message);
    dismissBanner(n.key);
  } catch (e) {
    useStore.getState().notify("error", errorText(e));
  }
}

function showSystem(n: NotificationDescriptor): void {
  const note = new Notification(n.title, { body: n.body, tag: n.key, silent: n.quiet });
  note.onclick = () => {
    window.focus();
    openTarget(n.target);
    note.close();
  };
}

function show(out: readonly NotificationDescriptor[]): void {
  for (const n of out) {
    if (surfaceFor(useNotify.getState().permission) === "system") showSystem(n);
    else if (bannerNeeded(n, { inboxOpen: useStore.getState().view === "inbox", hidden: document.hidden })) useNotify.setState((s) => ({ banners: upsertBanner(s.banners, n) }));
  }
}

const POLICY_EVENTS = ["connection", "connectionRemoved", "chat"] as const;

/** Follows the settings and, in the web host, runs the policy; returns the unsubscribe. */
export function startNotifications(host: HostApi): () => void {
  const policy = new NotificationPolicy(() => useNotify.getState().settings);
  const webHost = () => useStore.getState().app?.host === "web";
  let primed = false;
  const feed = (input: PolicyInput) => show(policy.feed(input));
  // What the page already shows when it starts is known, never news. The store may have loaded the
  // state and the inbox before this runs (React's effects can run after the host's first answers), so
  // the first inbox seen — now or in the first change — is the known one; after it, every item is offered.
  const prime = (s: ReturnType<typeof useStore.getState>) => {
    if (primed || s.inbox.seq < 0) return;
    feed(inboxInput(s.inbox, false, Object.values(s.connections)));
    primed = true;
  };
  const start = useStore.getState();
  if (webHost()) {
    feed({ type: "known", items: [], connections: Object.values(start.connections) });
    prime(start);
  }
  const offs = [
    host.on("notificationSettings", (settings) => useNotify.setState({ settings })),
    useStore.subscribe((s, prev) => {
      if (!webHost()) return;
      if (s.app && !prev.app) feed({ type: "known", items: [], connections: Object.values(s.connections) });
      if (!primed) return prime(s);
      if (s.inbox === prev.inbox) return;
      feed(inboxInput(s.inbox, true, Object.values(s.connections)));
      useNotify.setState((n) => ({ banners: pruneBanners(n.banners, s.inbox) }));
    }),
    ...POLICY_EVENTS.map((name) =>
      host.on(name, (payload: unknown) => {
        if (!webHost() || !primed) return;
        const nameOf = (id: string) => useStore.getState().profiles.find((p) => p.id === id)?.name ?? null;
        const input = policyInputOf({ name, payload } as HostEventMessage, { windowHidden: document.hidden, nameOf });
        if (input) feed(input);
      }),
    ),
  ];
  void host
    .getNotificationSettings()
    .then((settings) => useNotify.setState({ settings }))
    .catch(() => undefined);
  return () => offs.forEach((off) => off());
}
