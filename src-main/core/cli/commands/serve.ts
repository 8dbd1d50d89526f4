// `clawlink serve`: the desktop UI in a browser, for machines without Electron (and the e2e suite). The
// same host service the Electron shell runs, the same built renderer, served on 127.0.0.1 with a
// one-time token in the printed URL (web-host.ts). Runs until SIGINT/SIGTERM, then stops every
// connection cleanly.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HostService } from "../../host/host-service.js";
import { startWebHost } from "../../host/web-host.js";
import { MemorySecretStore } from "../../secrets/secret-store.js";
import { flag, has, intFlag, parseArgs, UsageError } from "../args.js";
import { openContext, type CliIO } from "../context.js";
import { createLogTap } from "../../log/log-tap.js";
import { EXIT } from "../exit-codes.js";

/** out/cli/clawlink.mjs → out/renderer (the Vite build). */
function defaultRendererDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../renderer");
}

export async function serveCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  if (args.positionals.length > 0) throw new UsageError(`serve takes no target (got "${args.positionals[0]}"); add gateways in the UI`);
  if (has(args, "host") && flag(args, "host") !== "127.0.0.1") throw new UsageError("serve listens on 127.0.0.1 only (the UI holds your gateways' sessions)");
  // The log tap hears what the log file gets, for the UI's Diagnostics live tail.
  const logTap = createLogTap();
  const ctx = await openContext(args, io, [logTap.sink]);
  // openContext already printed the no-keychain warning to stderr; the UI says it as well.
  const notices = ctx.secrets instanceof MemorySecretStore ? ["No keychain is available: secrets are kept in memory for this session only."] : [];
  const service = new HostService({ host: "web", configDir: ctx.configDir, profiles: ctx.profiles, secrets: ctx.secrets, logger: ctx.logger, notices, env: io.env, logTap });
  const web = await startWebHost({
    handlers: service.handlers,
    onEvent: (l) => service.onEvent(l),
    rendererDir: io.env.CLAWLINK_RENDERER_DIR ?? defaultRendererDir(),
    port: intFlag(args, "port") ?? 0,
    logger: ctx.logger,
  });
  ctx.logger.info(`web host listening on ${web.origin}`);
  io.stdout("Clawlink is running in web-host mode. Open this URL in a browser on this machine:");
  io.stdout(`    ${web.url}`);
  io.stdout("The link works once: the browser that opens it first stays logged in while Clawlink runs (for another browser, restart Clawlink for a new link). Ctrl+C stops Clawlink and every connection.");
  await service.start();

  await new Promise<void>((resolve) => {
    const done = () => resolve();
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  await web.close();
  await service.stop();
  return EXIT.ok;
}
