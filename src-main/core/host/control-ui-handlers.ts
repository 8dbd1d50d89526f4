// The host API's "open the gateway's Control UI" (issue 12 palette: "open Control UI"): the link carries
// the gateway token in its fragment (tray-model.ts controlUiUrl), so the UI is never handed that link.
// It gets a one-shot loopback link instead (desktop/one-shot-link.ts: one GET answers 302 with the real
// URL, then the server closes; 60 s to use it) — the same way the tray opens it — and opens it in a new
// browser tab (Electron: the window-open handler sends it to the system browser).
import type { HostHandlers } from "../../../src-shared/host-api.js";
import { oneShotRedirect } from "../desktop/one-shot-link.js";
import { controlUiUrl } from "../desktop/tray-model.js";
import { specFromProfile } from "../orchestrator/profile-spec.js";
import { HandlerError } from "./host-call.js";
import { profileOf, type HostContext } from "./host-context.js";
import { specOptions } from "./profile-views.js";

export function controlUiHandlers(ctx: HostContext): Pick<HostHandlers, "openControlUi"> {
  return {
    openControlUi: async (id) => {
      const p = profileOf(ctx, id);
      const snap = ctx.orchestrator.get(p.id)?.snapshot;
      if (!snap || snap.state !== "connected") throw new HandlerError(`${p.name} is not connected.`, "Connect first: the Control UI opens through the same connection.");
      const token = (await specFromProfile(p, specOptions(ctx.o))).credentials.token?.value;
      const target = controlUiUrl(snap, token);
      if (!target) throw new HandlerError(`${p.name} has no Control UI address yet.`, "Wait until it is connected again.");
      const link = await oneShotRedirect(target);
      return { url: link.url };
    },
  };
}
