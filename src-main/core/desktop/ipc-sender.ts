// Why exists: the IPC sender check is a security decision, and CI has no Electron binary, so it must be
// testable in plain Node. The shell (src-main/shell/ipc-bind.ts) keeps the registry of our windows'
// webContents ids and hands this function what Electron reports about a sender; the rule lives here.
//
// The rule (VS Code's validatedIpcMain + GitHub Desktop's trusted-sender registry): the sender's
// webContents must be one we registered (our own windows), the frame must be that webContents' main
// frame (no iframe, however it got there), and its URL must parse to our app://clawlink origin.
import { isAppUrl } from "./app-protocol.js";

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  parent: unknown;
  routingId: number;
  processId: number;
  url: string;
}

/** The parts of an IpcMainInvokeEvent the check reads (structurally the Electron types). */
export interface SenderEvent {
  sender: { id: number; mainFrame: Pick<SenderFrame, "routingId" | "processId"> };
  /** Null or undefined when the frame navigated away or was destroyed before the message was handled. */
  senderFrame: SenderFrame | null | undefined;
}

/** Why a sender is refused, or null when it is one of ours (registered window, main frame, our origin). */
export function senderRefusal(trusted: { has(id: number): boolean }, event: SenderEvent): string | null {
  const { sender, senderFrame: frame } = event;
  if (!trusted.has(sender.id)) return "not one of Clawlink's windows";
  if (!frame) return "the sending frame is gone";
  const main = sender.mainFrame;
  if (frame.parent !== null || frame.routingId !== main.routingId || frame.processId !== main.processId) return "not the window's main frame";
  if (!isAppUrl(frame.url)) return "not Clawlink's own page";
  return null;
}
