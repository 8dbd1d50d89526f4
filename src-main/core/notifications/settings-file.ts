// Why exists (issue 11 item 4): the notification settings a person chose — which profiles are muted,
// and whether a chat reply that finished while the window was hidden notifies (opt-in) — must survive a
// restart, for the desktop app and `clawlink serve` alike. One small file in the config dir,
// <config dir>/notifications.json (mode 0600), replaced atomically (profiles/atomic-write.ts) and written
// one at a time. A file that cannot be read or is not one of ours is never fatal: the defaults apply, a
// warning says so, and the file is moved aside (<file>.corrupt-<time>, never deleted), as outbox-file.ts
// does with a corrupt outbox.
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from "../../../src-shared/notification-policy.js";
import type { NotificationSettingsPatch } from "../../../src-shared/notification-schema.js";
import { writeFileAtomic } from "../profiles/atomic-write.js";
import { readJsonFile } from "../profiles/json-file.js";

const FILE_VERSION = 1;
export const NOTIFICATION_SETTINGS_FILE = "notifications.json";

const FileSchema = z.object({ version: z.literal(FILE_VERSION), muted: z.array(z.string().min(1).max(128)).max(1000), chatReplies: z.boolean() });

export function applyNotificationPatch(s: NotificationSettings, p: NotificationSettingsPatch): NotificationSettings {
  let muted = s.muted;
  if (p.mute) {
    const rest = s.muted.filter((id) => id !== p.mute!.profileId);
    muted = p.mute.muted ? [...rest, p.mute.profileId] : rest;
  }
  return { muted, chatReplies: p.chatReplies ?? s.chatReplies };
}

export interface SettingsLoad {
  settings: NotificationSettings;
  /** A sentence for the person when the file had to be set aside or could not be read; null when fine. */
  warning: string | null;
}

export class NotificationSettingsFile {
  readonly file: string;
  private current: NotificationSettings = DEFAULT_NOTIFICATION_SETTINGS;
  private loading: Promise<SettingsLoad> | null = null;
  private writes: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(s: NotificationSettings) => void>();

  constructor(configDir: string) {
    this.file = path.join(configDir, NOTIFICATION_SETTINGS_FILE);
  }

  /** Reads the file once (later calls get the same answer); the defaults until then. */
  load(): Promise<SettingsLoad> {
    this.loading ??= this.read().then((r) => {
      this.current = r.settings;
      return r;
    });
    return this.loading;
  }

  get(): NotificationSettings {
    return this.current;
  }

  on(l: (s: NotificationSettings) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Applies a change, tells the listeners, and resolves once it is on disk (a failed write rejects; memory keeps the change). */
  async update(patch: NotificationSettingsPatch): Promise<NotificationSettings> {
    await this.load();
    const next = (this.current = applyNotificationPatch(this.current, patch));
    for (const l of this.listeners) l(next);
    const write = this.writes.then(() => this.write(next));
    this.writes = write.catch(() => undefined);
    await write;
    return next;
  }

  private async write(s: NotificationSettings): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file, JSON.stringify({ version: FILE_VERSION, ...s }, null, 1) + "\n", { mode: 0o600 });
  }

  private async read(): Promise<SettingsLoad> {
    const settings = DEFAULT_NOTIFICATION_SETTINGS;
    const r = await readJsonFile(this.file, FileSchema);
    switch (r.kind) {
      case "ok":
        return { settings: { muted: [...new Set(r.value.muted)], chatReplies: r.value.chatReplies }, warning: null };
      case "missing":
        return { settings, warning: null };
      case "unreadable":
        return { settings, warning: `Could not read the notification settings ${this.file} (${r.code}); the defaults apply (nothing muted, no chat-reply notifications).` };
      case "set-aside": {
        const why = r.why === "is not valid JSON" ? r.why : "is not a settings file this version understands";
        if (!r.movedTo) return { settings, warning: `The notification settings ${this.file} ${why} and could not be moved aside; the defaults apply and the file was left as it is.` };
        return { settings, warning: `The notification settings file ${why}; it was moved to ${r.movedTo} (nothing was deleted) and the defaults apply.` };
      }
    }
  }
}
