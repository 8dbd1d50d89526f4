// Why exists: the _electron specs (e2e/electron/shell.e2e.test.ts) read the tray model and click its
// items through globalThis.__clawlinkShell, which the app itself must never carry. main.ts calls this
// only under the build-time flag __CLAWLINK_E2E__ (scripts/build.mjs --e2e-seam, which npm test's build
// passes); every other build defines it false and esbuild drops the call and this module with it.
import { findItem, type TrayAction, type TrayModel } from "../core/desktop/tray-model.js";

export interface E2eSeamDeps {
  tray: { refresh(): Promise<void>; readonly model: TrayModel | null };
  dispatch(action: TrayAction): Promise<void>;
  trustedContents(): number[];
  configDir: string;
}

/** The shape e2e/electron/shell.e2e.test.ts reads. */
export interface E2eShell {
  trayModel(): Promise<TrayModel | null>;
  clickTray(id: string): Promise<void>;
  trustedContents(): number[];
  configDir: string;
}

export function exposeE2eSeam(d: E2eSeamDeps): void {
  const seam: E2eShell = {
    trayModel: async () => (await d.tray.refresh(), d.tray.model),
    clickTray: async (id) => {
      await d.tray.refresh();
      const item = d.tray.model && findItem(d.tray.model.items, id);
      if (!item || (item.kind !== "action" && item.kind !== "checkbox")) throw new Error(`no tray item ${id}`);
      await d.dispatch(item.action);
    },
    trustedContents: d.trustedContents,
    configDir: d.configDir,
  };
  (globalThis as Record<string, unknown>).__clawlinkShell = seam;
}
