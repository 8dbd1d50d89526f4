// Why exists: what each tray menu action does was a switch inside src-main/main.ts, out of reach of the
// unit tests (no Electron binary in CI). It lives here with its effects passed in, so the shell binds
// Electron's clipboard, browser and app calls and this decides what happens, in plain Node.
import type { InboxRef, QuickDecision } from "../../../src-shared/inbox-glance.js";
import type { InboxAnswerOutcome } from "../../../src-shared/inbox.js";
import { quickAnswerMessage } from "../../../src-shared/quick-answer.js";
import type { TrayAction } from "./tray-model.js";

export interface TrayActionDeps {
  connect(profileId: string): Promise<void>;
  disconnect(profileId: string): Promise<void>;
  /** The Control UI link with the token in its fragment, or null while not connected. */
  controlUiUrl(profileId: string): Promise<string | null>;
  /** A one-shot loopback link that redirects to the URL once (one-shot-link.ts). */
  oneShotLink(target: string): Promise<{ url: string; close(): void }>;
  /** Opens an http(s) URL in the person's browser; false when it was not opened. */
  openExternal(url: string): boolean;
  copyText(text: string): void;
  setStartAtLogin(enabled: boolean): Promise<void>;
  refreshTray(): Promise<void>;
  showWindow(): void;
  /** Answers an inbox item on its gateway (quick-answer.ts over the inbox hub). */
  answerInbox(ref: InboxRef, decision: QuickDecision): Promise<InboxAnswerOutcome>;
  /** Shows the window on the inbox (at one item when given). */
  openInbox(item: InboxRef | null): void;
  /** Tells a person something went otherwise than asked (already resolved, offline), e.g. as a notification. */
  tell(message: string): void;
  quit(): void;
  warn(message: string, fields: Record<string, unknown>): void;
}

/** Runs one clicked action; a failure is logged, never thrown into Electron's menu callback. */
export async function runTrayAction(a: TrayAction, d: TrayActionDeps): Promise<void> {
  try {
    switch (a.type) {
      case "connect":
        return await d.connect(a.profileId);
      case "disconnect":
        return await d.disconnect(a.profileId);
      case "open-window":
        return d.showWindow();
      case "open-control-ui": {
        const url = await d.controlUiUrl(a.profileId);
        if (!url) return;
        // The browser gets a one-shot loopback link, so the token never sits in a process's arguments.
        const link = await d.oneShotLink(url);
        if (!d.openExternal(link.url)) link.close();
        return;
      }
      case "copy-text":
        return d.copyText(a.text);
      case "set-start-at-login":
        await d.setStartAtLogin(a.enabled);
        return await d.refreshTray();
      case "answer-inbox": {
        const { type: _t, decision, ...ref } = a;
        const message = quickAnswerMessage(await d.answerInbox(ref, decision));
        if (message) d.tell(message);
        return;
      }
      case "open-inbox":
        return d.openInbox(a.item);
      case "quit":
        return d.quit();
    }
  } catch (e) {
    d.warn(`tray action ${a.type} failed`, { error: (e as Error).message });
  }
}
