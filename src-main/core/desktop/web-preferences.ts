// The webPreferences every window of ours gets (the main window, window-policy.ts; the quick chat,
// quick-chat.ts): one definition so a window cannot be made with a weaker one by accident.
import path from "node:path";

/** Every window of ours: the preload only, sandboxed and isolated, no Node, no webviews, devtools only unpackaged. */
export function lockedWebPreferences(outDir: string, o: { isPackaged: boolean }) {
  return {
    preload: path.join(outDir, "preload/preload.cjs"),
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !o.isPackaged,
  } as const;
}
