// What the CLI's fix hints (diagnostics/fix-hints.ts) need to know about this run: the profile, the
// target as typed, and where Clawlink's own known_hosts is. Every attention the CLI prints goes through
// forCli first, so a hint a terminal user reads never says "settings" or "click".
import path from "node:path";
import type { ConnectionSnapshot } from "../../../src-shared/connection.js";
import { forCli, type CliHintContext } from "../diagnostics/fix-hints.js";
import type { CliContext } from "./context.js";
import { safeLabel, type ResolvedTarget } from "./target.js";

export function cliHintContext(ctx: Pick<CliContext, "configDir">, t: Pick<ResolvedTarget, "profile" | "spec">, raw: string | undefined): CliHintContext {
  const typed = raw ?? t.spec.url ?? t.spec.name;
  return {
    profileId: t.profile?.id ?? null,
    // ssh:// keeps its user (not a secret, and needed to run it again); URLs lose any #token= or userinfo.
    target: t.profile?.id ?? (/^ssh:\/\//i.test(typed) ? typed : safeLabel(typed)),
    appKnownHosts: path.join(ctx.configDir, "known_hosts"),
  };
}

/** The snapshot with its attention worded for the CLI (a new object; the orchestrator's is untouched). */
export function cliSnapshot(s: ConnectionSnapshot, c: CliHintContext): ConnectionSnapshot {
  return s.attention ? { ...s, attention: forCli(s.attention, c) } : s;
}
