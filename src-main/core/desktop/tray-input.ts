// Why exists: what the tray is rendered from (profiles, live connections, the start-at-login state) and
// when it is rendered again were assembled inline in src-main/main.ts, where no unit test can reach
// them (no Electron binary in CI). Here they are plain functions; main.ts only passes its ports in.
import type { ConnectionSnapshot } from "../../../src-shared/connection.js";
import type { HostEventName } from "../../../src-shared/host-api.js";
import type { InboxItem } from "../../../src-shared/inbox.js";
import type { TrayInput, TrayProfile } from "./tray-model.js";

export interface TrayInputSources {
  profiles(): readonly TrayProfile[];
  snapshots(): readonly ConnectionSnapshot[];
  /** Every pending inbox item, newest first (the inbox hub's snapshot). */
  inbox?(): readonly InboxItem[];
}

/** The part of the shell's login item (shell/login-item.ts) the tray reads. */
export interface StartAtLoginSource {
  supported: boolean;
  get(): Promise<boolean>;
}

/** Fresh input for trayModel(): a login item that cannot be read shows as off, never as an error. */
export async function trayInput(ports: TrayInputSources, login: StartAtLoginSource): Promise<TrayInput> {
  return {
    profiles: ports.profiles(),
    connections: ports.snapshots(),
    inbox: ports.inbox?.() ?? [],
    startAtLogin: { supported: login.supported, enabled: await login.get().catch(() => false) },
  };
}

/** Host events that change what the tray shows (chat traffic, notices and app info do not). */
const TRAY_EVENTS: ReadonlySet<HostEventName> = new Set<HostEventName>(["connection", "connectionRemoved", "profiles", "inbox"]);

export function refreshesTray(event: HostEventName): boolean {
  return TRAY_EVENTS.has(event);
}
