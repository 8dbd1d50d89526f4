// Why exists (issue 11 item 4): the Settings screen's notification toggles — mute this profile, and the
// opt-in for a chat reply that finished while Clawlink was hidden (for every gateway) — kept by the host
// in <config dir>/notifications.json, so the desktop app and `clawlink serve` honour the same choice.
import type { ProfileView } from "../../../src-shared/host-api";
import type { NotificationSettingsPatch } from "../../../src-shared/notification-schema";
import { getHost } from "../host";
import { canAskPermission } from "../notify-model";
import { useNotify } from "../notify";
import { EnableNotificationsButton } from "./NotificationBanner";
import { errorText, useStore } from "../store";

export function NotificationSettings({ profile }: { profile: ProfileView }) {
  const host = getHost()!;
  const settings = useNotify((s) => s.settings);
  const canAsk = useNotify((s) => canAskPermission(s.permission));
  const web = useStore((s) => s.app?.host === "web");
  const askable = canAsk && web;
  const notify = useStore((s) => s.notify);
  const update = async (patch: NotificationSettingsPatch) => {
    try {
      useNotify.setState({ settings: await host.updateNotificationSettings(patch) });
    } catch (e) {
      notify("error", errorText(e));
    }
  };
  return (
    <>
      <h3>Notifications</h3>
      {askable ? (
        <p className="small">
          This browser shows requests as banners in the page. <EnableNotificationsButton />
        </p>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={settings.muted.includes(profile.id)} onChange={(e) => void update({ mute: { profileId: profile.id, muted: e.target.checked } })} /> Mute notifications from {profile.name}
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.chatReplies} onChange={(e) => void update({ chatReplies: e.target.checked })} /> Notify when a chat reply finishes while Clawlink is hidden (every gateway)
      </label>
    </>
  );
}
