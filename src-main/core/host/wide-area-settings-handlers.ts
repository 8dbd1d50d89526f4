// The host API's wideAreaSettings / editWideAreaDomains (issue 13 §1): the Add gateway form's list of
// wide-area DNS-SD domains, read from and written to <config dir>/discovery.json by the same core as
// `clawlink discover --add-domain / --remove-domain` (discovery/wide-area-settings-file.ts). What the
// handler adds is what a running app has: after a change the discovered list is looked up again at once
// (the form's `discovery` event follows), instead of on the next 30 s round.
import type { HostHandlers } from "../../../src-shared/host-api.js";
import { checkWideAreaEdit, WideAreaEditRefusal } from "../../../src-shared/wide-area-settings.js";
import { editDiscoverySettings, wideAreaSettings } from "../discovery/wide-area-settings-file.js";
import { refreshWideAreaNow } from "./discovery-handlers.js";
import type { HostContext } from "./host-context.js";
import { HandlerError } from "./host-call.js";

export function wideAreaSettingsHandlers(ctx: HostContext): Pick<HostHandlers, "wideAreaSettings" | "editWideAreaDomains"> {
  const env = () => ctx.o.env ?? process.env;
  return {
    wideAreaSettings: () => wideAreaSettings(ctx.o.configDir, env()),
    editWideAreaDomains: async (input) => {
      // Checked again here (the form checks first): a call may come from any page the host serves.
      const checked = checkWideAreaEdit(input);
      try {
        if (!checked.ok) throw checked.refusal;
        const r = await editDiscoverySettings(ctx.o.configDir, checked.edit, env());
        refreshWideAreaNow(ctx);
        return r;
      } catch (e) {
        if (e instanceof WideAreaEditRefusal) throw new HandlerError(e.message, e.fixHint);
        throw e;
      }
    },
  };
}
