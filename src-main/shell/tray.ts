// Renders the tray model (core/desktop/tray-model.ts) with Electron's Tray and Menu, and hands clicked
// actions back to main.ts. It decides nothing: the model says what the icon, tooltip and items are.
import { Menu, nativeImage, nativeTheme, Tray, type MenuItemConstructorOptions, type NativeImage } from "electron";
import fs from "node:fs";
import path from "node:path";
import { trayIconFile, trayModel, trayThemeFor, type TrayAction, type TrayInput, type TrayMenuItem, type TrayModel, type TrayStatus } from "../core/desktop/tray-model.js";

export interface TrayDeps {
  resourcesDir: string;
  input: () => Promise<TrayInput>;
  onAction: (action: TrayAction) => void;
  /** Left click (Windows/Linux): open the window. */
  onActivate: () => void;
}

export class TrayController {
  private tray: Tray | null = null;
  private current: TrayModel | null = null;
  private readonly icons = new Map<string, NativeImage>();
  private pending: Promise<void> | null = null;
  private again = false;

  constructor(private readonly d: TrayDeps) {}

  start(): void {
    this.tray = new Tray(this.icon("disconnected"));
    this.tray.on("click", () => this.d.onActivate());
    nativeTheme.on("updated", () => void this.refresh());
    void this.refresh();
  }

  get model(): TrayModel | null {
    return this.current;
  }

  /** Re-renders from fresh input; calls that arrive while one runs coalesce into one more. */
  refresh(): Promise<void> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = (async () => {
      do {
        this.again = false;
        this.render(trayModel(await this.d.input()));
      } while (this.again);
    })().finally(() => (this.pending = null));
    return this.pending;
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }

  private render(m: TrayModel): void {
    this.current = m;
    if (!this.tray || this.tray.isDestroyed()) return;
    this.tray.setImage(this.icon(m.status));
    this.tray.setToolTip(m.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(m.items.map((i) => this.item(i))));
  }

  private item(i: TrayMenuItem): MenuItemConstructorOptions {
    switch (i.kind) {
      case "separator":
        return { type: "separator" };
      case "label":
        return { id: i.id, label: i.label, enabled: false };
      case "submenu":
        return { id: i.id, label: i.label, submenu: i.items.map((c) => this.item(c)) };
      case "checkbox":
        return { id: i.id, type: "checkbox", label: i.label, checked: i.checked, enabled: i.enabled, click: () => this.d.onAction(i.action) };
      case "action":
        return { id: i.id, label: i.label, enabled: i.enabled, click: () => this.d.onAction(i.action) };
    }
  }

  /** 16 px + @2x from resources/, read through fs so it works inside the asar archive too. */
  private icon(status: TrayStatus): NativeImage {
    const theme = trayThemeFor(process.platform, nativeTheme.shouldUseDarkColors, nativeTheme.shouldUseDarkColorsForSystemIntegratedUI);
    const file = trayIconFile(status, theme);
    const cached = this.icons.get(file);
    if (cached) return cached;
    const img = nativeImage.createEmpty();
    const one = path.join(this.d.resourcesDir, file);
    img.addRepresentation({ scaleFactor: 1, buffer: fs.readFileSync(one) });
    img.addRepresentation({ scaleFactor: 2, buffer: fs.readFileSync(one.replace(/\.png$/, "@2x.png")) });
    this.icons.set(file, img);
    return img;
  }
}
