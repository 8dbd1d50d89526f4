// Why exists (issue 11 item 4): in the web host (`clawlink serve`) notifications are an in-page banner
// until the person allows the browser's own (the "Enable notifications" button; the page never asks on
// load). A request's banner carries its quick actions (exec: Allow once / Deny; pairing: Approve /
// Reject) and Open; it leaves when the request leaves the inbox. The desktop app shows native
// notifications from its main process instead, so this draws nothing there; it still starts notify.ts
// there, which follows the shell's "open this item" requests.
import { useEffect } from "react";
import { clickPlan } from "../../../src-shared/notification-io";
import type { NotificationDescriptor } from "../../../src-shared/notification-policy";
import { getHost } from "../host";
import { canAskPermission } from "../notify-model";
import { answerFromBanner, dismissBanner, enableBrowserNotifications, openTarget, startNotifications, useNotify } from "../notify";
import { useStore } from "../store";

function Banner({ n }: { n: NotificationDescriptor }) {
  const host = getHost()!;
  const act = (actionId: string | null) => {
    const plan = clickPlan(n, actionId);
    if (plan.kind === "answer") void answerFromBanner(host, n, plan.ref, plan.decision);
    else if (plan.kind === "open") {
      openTarget(plan.target);
      dismissBanner(n.key);
    }
  };
  return (
    <li className="notice notify-banner" data-testid="notification-banner" data-key={n.key}>
      <div className="notify-text" role="status">
        <strong>{n.title}</strong>
        {n.body ? <span className="muted small">{n.body}</span> : null}
      </div>
      <div className="notify-actions">
        {n.actions.map((a) => (
          <button key={a.id} className={a.id === "allow-once" || a.id === "approve" ? "primary" : undefined} onClick={() => act(a.id)}>
            {a.label}
          </button>
        ))}
        <button onClick={() => act(null)}>Open</button>
        <button className="link" aria-label="Dismiss" onClick={() => dismissBanner(n.key)}>
          ×
        </button>
      </div>
    </li>
  );
}

/** Asks the browser for its notification permission (the only place the page asks; never on load). */
export function EnableNotificationsButton() {
  return (
    <button className="link small" onClick={() => void enableBrowserNotifications()}>
      Enable notifications
    </button>
  );
}

export function NotificationBanner() {
  const host = getHost();
  const web = useStore((s) => s.app?.host === "web");
  const banners = useNotify((s) => s.banners);
  const permission = useNotify((s) => s.permission);
  useEffect(() => (host ? startNotifications(host) : undefined), [host]);
  if (!web) return null;
  return (
    <section className="notify" aria-label="Notifications">
      {/* Only next to a banner: always on screen, this corner button covered the composer's Send. The
          Settings screen offers it too (NotificationSettings.tsx). */}
      {banners.length > 0 && canAskPermission(permission) ? <EnableNotificationsButton /> : null}
      {banners.length ? (
        <ul className="notices notify-banners">
          {banners.map((n) => (
            <Banner key={n.key} n={n} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
