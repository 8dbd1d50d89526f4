// One button-row pattern used across the panes: run a host call, keep the buttons disabled while it runs,
// and turn a failure into an error notice (its message and fix hint) instead of an unhandled rejection.
import { useState } from "react";
import { errorText, useStore } from "./store";

export function useBusyAction(): { busy: boolean; run: (fn: () => Promise<unknown>) => Promise<void> } {
  const notify = useStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      notify("error", errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
