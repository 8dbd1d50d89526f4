// Why this file exists (issue 12, keyboard): the window-wide shortcuts bound once — Ctrl/Cmd+1…9 select
// the Nth gateway of the list, Ctrl/Cmd+K opens the command palette (keymap.ts decides; this binds).
// They work while typing too; none fires while a modal host prompt is open (it must be answered first).
import { useEffect } from "react";
import { gatewayAt, keyPlatform, windowKeyAction } from "./keymap";
import { useStore } from "./store";

export function useWindowKeys(): void {
  useEffect(() => {
    const platform = keyPlatform(globalThis.navigator?.platform);
    const onKey = (e: KeyboardEvent) => {
      const a = windowKeyAction(e, platform);
      if (!a) return;
      const s = useStore.getState();
      if (s.prompts.length > 0) return;
      e.preventDefault();
      if (a.kind === "palette") {
        s.setPalette(!s.paletteOpen);
        return;
      }
      const id = gatewayAt(s.profiles, a.index);
      if (id) {
        s.setPalette(false);
        s.select(id);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
