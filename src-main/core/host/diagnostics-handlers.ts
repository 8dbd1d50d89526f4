// The host API's diagnostics methods: run the test-connection ladder, write a redacted export (with the
// last ladder, the recent log and the connection's state), reveal it, show recent log lines, and list
// ~/.ssh/config hosts for the add form.
import os from "node:os";
import type { HostHandlers } from "../../../src-shared/host-api.js";
import { runRouteLadders } from "../diagnostics/route-ladder.js";
import { readRecentLog } from "../log/file-sink.js";
import { specFromProfile } from "../orchestrator/profile-spec.js";
import { listSshConfigHosts } from "../transport/ssh-config-hosts.js";
import { profileOf, type HostContext } from "./host-context.js";
import { toLogLine } from "./log-follower.js";
import { ladderView } from "./ladder-view.js";
import { specOptions } from "./profile-views.js";

type DiagnosticsMethods = "testConnection" | "exportDiagnostics" | "revealExport" | "recentLogs" | "logTail" | "listSshHosts";

export function diagnosticsHandlers(ctx: HostContext): Pick<HostHandlers, DiagnosticsMethods> {
  const { o } = ctx;
  return {
    testConnection: async (id) => {
      const p = profileOf(ctx, id);
      const { spec } = await specFromProfile(p, specOptions(o));
      // Several routes: one ladder each (issue 13 §3); the export keeps the one that decided.
      const { chosen, routes } = await runRouteLadders(spec, ctx.deps);
      ctx.ladders.set(p.id, chosen);
      return ladderView(chosen, routes);
    },
    exportDiagnostics: async (id) => {
      const p = profileOf(ctx, id);
      const { credentials } = await specFromProfile(p, specOptions(o));
      return ctx.exports.write(p.id, {
        profile: p,
        ladder: ctx.ladders.get(p.id) ?? null,
        recentLog: readRecentLog(o.configDir, 500),
        redactor: o.logger.redactor,
        extra: { connection: ctx.orchestrator.get(p.id)?.snapshot ?? null, credentialTrail: credentials.trail, host: o.host },
      });
    },
    revealExport: (file) => ctx.exports.reveal(file),
    listSshHosts: () => listSshConfigHosts(o.homeDir ?? os.homedir(), o.env ?? process.env),
    logTail: (n) => readRecentLog(o.configDir, n).map(toLogLine),
    recentLogs: (n) => readRecentLog(o.configDir, n).map((r) => `${new Date(r.ts).toISOString()} ${r.level.padEnd(5)} ${r.scope}: ${r.msg}${r.fields ? ` ${JSON.stringify(r.fields)}` : ""}`),
  };
}
