// Why exists (issue 11 item 4): the host API's notification settings methods — the per-profile mute and
// the chat-reply opt-in, kept in <config dir>/notifications.json (core/notifications/settings-file.ts) —
// for the Settings screen of both hosts. A change is announced to every window (`notificationSettings`),
// so another tab of the web host, and the desktop shell's notifier, follow it at once. A settings file
// that had to be set aside is said once, as a notice, never as a failed call.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import type { NotificationSettingsFile } from "../notifications/settings-file.js";
import type { EmitHostEvent } from "./host-events.js";

type NotificationMethods = "getNotificationSettings" | "updateNotificationSettings";

export function notificationHandlers(file: NotificationSettingsFile, emit: EmitHostEvent): Pick<HostHandlers, NotificationMethods> {
  let warned = false;
  const loaded = async () => {
    const r = await file.load();
    if (r.warning && !warned) {
      warned = true;
      emit("notice", { level: "warn", message: r.warning });
    }
    return r.settings;
  };
  file.on((s) => emit("notificationSettings", s));
  return {
    getNotificationSettings: () => loaded(),
    updateNotificationSettings: async (patch) => {
      await loaded();
      return file.update(patch);
    },
  };
}
