// What local mode can offer when no gateway answers on this machine depends on whether the openclaw CLI
// is installed (moved here from connection-supervisor.ts so that file stays within its size limit).
import fs from "node:fs";
import path from "node:path";

/** Whether the openclaw CLI is on PATH decides what we can offer when no local gateway answers. */
export function findOnPath(cmd: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const exts = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const p = path.join(dir, cmd + ext);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        return p;
      } catch {
        /* not here */
      }
    }
  }
  return null;
}

export function localStartHint(env: NodeJS.ProcessEnv): string {
  return findOnPath("openclaw", env)
    ? "The openclaw CLI is installed: start the gateway with `openclaw gateway` (or start its installed service); Clawlink connects as soon as it answers."
    : "Install OpenClaw on this machine and start `openclaw gateway`, or add a remote gateway (SSH or URL) instead.";
}
