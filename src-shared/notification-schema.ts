// Why exists (issue 11 item 4): the runtime schemas the host API (host-api.ts) validates the
// notification settings methods and the `notificationSettings` / `navigate` events against. They mirror
// the domain types in notification-policy.ts and fail to compile when either side drifts; kept apart from
// host-api.ts, as connection-schema.ts and inbox-schema.ts are.
import { z } from "zod";
import type { NotificationSettings, NotificationTarget } from "./notification-policy.js";

const id = z.string().min(1).max(128);

export const NotificationSettingsSchema = z.object({ muted: z.array(z.string()), chatReplies: z.boolean() });

/** A change: mute or unmute one profile, and/or switch chat-reply notifications (opt-in). */
export const NotificationSettingsPatchSchema = z.object({
  mute: z.object({ profileId: id, muted: z.boolean() }).optional(),
  chatReplies: z.boolean().optional(),
});
export type NotificationSettingsPatch = z.infer<typeof NotificationSettingsPatchSchema>;

export const NotificationTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("inbox-item"), connectionId: z.string(), itemKind: z.enum(["exec", "pairing"]), itemId: z.string() }),
  z.object({ kind: z.literal("inbox") }),
  z.object({ kind: z.literal("connection"), connectionId: z.string() }),
  z.object({ kind: z.literal("chat"), connectionId: z.string(), sessionKey: z.string() }),
]);

/** The desktop shell asks the window to open what a clicked notification is about. */
export const NavigateSchema = z.object({ target: NotificationTargetSchema });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape = <T extends true>(_: T) => _;
sameShape<Same<z.infer<typeof NotificationSettingsSchema>, NotificationSettings>>(true);
sameShape<Same<z.infer<typeof NotificationTargetSchema>, NotificationTarget>>(true);
