// Power and network events → the core: waking from sleep or unlocking the screen calls wake() (every
// connection re-checks at once instead of waiting out a backoff); a change in the machine's addresses
// calls networkChanged() (tunnels test their link now).
import { powerMonitor } from "electron";
import { watchNetwork } from "../core/desktop/network-watch.js";

export function watchPowerAndNetwork(core: { wake(): void; networkChanged(): void }): () => void {
  const wake = () => core.wake();
  powerMonitor.on("resume", wake);
  powerMonitor.on("unlock-screen", wake);
  const stopNet = watchNetwork({ onChange: () => core.networkChanged() });
  return () => {
    powerMonitor.off("resume", wake);
    powerMonitor.off("unlock-screen", wake);
    stopNet();
  };
}
