// Runs the real `clawlink serve` (bin/clawlink.mjs → out/cli, built by npm run build) as a user would:
// a child process with its own HOME (so ~/.ssh/known_hosts knows no host) and its own config dir, and
// the one-time URL read from its stdout. Gateway tokens never go on its command line: tests type them
// into the UI.
// The URL token is one-time: the first context that needs the UI may `page.goto(serve.url)` (the flow a
// person sees); every other client logs in with the session cookie that `session()` gets by spending the
// token once, as a browser would (`login(context)` puts it into a Playwright context).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import type { BrowserContext } from "playwright-core";

export interface ServeRun {
  url: string;
  origin: string;
  port: number;
  token: string;
  home: string;
  configDir: string;
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** The session cookie ("name=value") and the 302 that set it; spends the URL token on first call. */
  session(): Promise<{ cookie: string; first: { status: number; location: string | null; setCookie: string } }>;
  /** Logs a Playwright context in with the session cookie (instead of a second, refused goto(url)). */
  login(context: BrowserContext): Promise<void>;
  stop(): Promise<number | null>;
}

const BIN = path.resolve("bin/clawlink.mjs");

export async function startServe(opts: { env?: Record<string, string> } = {}): Promise<ServeRun> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "clawlink-ui-home-"));
  const configDir = path.join(home, "config");
  // Nothing from the runner's environment that could pick a gateway or a credential for the UI.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OPENCLAW_") && !k.startsWith("CLAWLINK_")));
  const child = spawn(process.execPath, [BIN, "serve", "--config-dir", configDir, "--port", "0"], {
    env: { ...env, HOME: home, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  readline.createInterface({ input: child.stderr! }).on("line", (l) => stderr.push(l));
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`clawlink serve printed no URL within 20 s\nstdout: ${stdout.join("\n")}\nstderr: ${stderr.join("\n")}`)), 20_000);
    child.once("exit", (code) => reject(new Error(`clawlink serve exited with ${code}\nstderr: ${stderr.join("\n")}`)));
    readline.createInterface({ input: child.stdout! }).on("line", (l) => {
      stdout.push(l);
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(l);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    });
  });
  const u = new URL(url);
  let session: ReturnType<ServeRun["session"]> | null = null;
  const spend = async (): ReturnType<ServeRun["session"]> => {
    const res = await fetch(url, { redirect: "manual" });
    const setCookie = res.headers.get("set-cookie");
    if (res.status !== 302 || !setCookie) throw new Error(`the one-time URL answered ${res.status}: was it already opened (page.goto(serve.url))? Use serve.login(context) for every other context`);
    return { cookie: setCookie.split(";")[0]!, first: { status: res.status, location: res.headers.get("location"), setCookie } };
  };
  return {
    url,
    origin: u.origin,
    port: Number(u.port),
    token: u.searchParams.get("token")!,
    home,
    configDir,
    child,
    stdout,
    stderr,
    session: () => (session ??= spend()),
    async login(context) {
      const { cookie } = await (session ??= spend());
      const i = cookie.indexOf("=");
      await context.addCookies([{ name: cookie.slice(0, i), value: cookie.slice(i + 1), url: u.origin, httpOnly: true, sameSite: "Strict" }]);
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(t);
      fs.rmSync(home, { recursive: true, force: true });
      return code;
    },
  };
}
