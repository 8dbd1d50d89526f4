// "Export diagnostics" and "Show in folder" for the host service. Exports go to <config dir>/diagnostics/
// (created on first use by writeDiagnosticsExport). Revealing one is the shell's job: the Electron shell
// passes `revealInFolder` (shell.showItemInFolder); the web host has none, so the answer carries the path
// and folder for the person to open themselves. Only files this service wrote can be revealed: the UI
// must not be able to make the desktop open an arbitrary path.
import fs from "node:fs";
import path from "node:path";
import { DiagnosticsExportError, writeDiagnosticsExport, type DiagnosticsInput, type WrittenExport } from "../diagnostics/export.js";

export interface RevealResult extends WrittenExport {
  /** False when this host cannot open a file manager (web host): show `folder` to the person instead. */
  revealed: boolean;
}

export class DiagnosticsExports {
  private readonly written = new Set<string>();

  constructor(private readonly o: { configDir: string; revealInFolder?: ((file: string) => void | Promise<void>) | undefined }) {}

  get folder(): string {
    return path.join(this.o.configDir, "diagnostics");
  }

  write(profileId: string, input: DiagnosticsInput, now = new Date()): WrittenExport {
    const stamp = now.toISOString().replace(/[:.]/g, "-");
    const written = writeDiagnosticsExport(path.join(this.folder, `clawlink-diagnostics-${profileId}-${stamp}.json`), input);
    this.written.add(written.path);
    return written;
  }

  async reveal(file: string): Promise<RevealResult> {
    const abs = path.resolve(file);
    if (!this.written.has(abs)) {
      throw new DiagnosticsExportError("Clawlink only shows the diagnostics exports it wrote since it started.", "Export diagnostics again, then choose Show in folder.");
    }
    if (!fs.existsSync(abs)) throw new DiagnosticsExportError(`The export ${abs} is no longer there (it was moved or deleted).`, "Export diagnostics again.");
    const folder = path.dirname(abs);
    if (!this.o.revealInFolder) return { revealed: false, path: abs, folder };
    await this.o.revealInFolder(abs);
    return { revealed: true, path: abs, folder };
  }
}
