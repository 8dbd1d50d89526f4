// Which saved profiles connect by themselves when the app starts: those marked "connect at start" whose
// credentials resolve without asking anyone (keychain, environment or openclaw.json, by OpenClaw's
// precedence). A profile whose credential is missing is not started — it would only fail with an auth
// error at login — and the reason is kept for the log and the UI. No prompt is ever shown for this.
export interface StartupProfile {
  id: string;
  name: string;
  connectAtStart: boolean;
}

export interface StartupPlan {
  connect: string[];
  skipped: { id: string; reason: string }[];
}

export async function planStartupConnections<P extends StartupProfile>(
  profiles: readonly P[],
  resolve: (p: P) => Promise<{ missing?: { fixHint: string } | undefined }>,
): Promise<StartupPlan> {
  const plan: StartupPlan = { connect: [], skipped: [] };
  for (const p of profiles) {
    if (!p.connectAtStart) continue;
    let missing: { fixHint: string } | undefined;
    try {
      missing = (await resolve(p)).missing;
    } catch (e) {
      plan.skipped.push({ id: p.id, reason: `its credentials could not be read (${(e as Error).message})` });
      continue;
    }
    if (missing) plan.skipped.push({ id: p.id, reason: `no stored credential: ${missing.fixHint}` });
    else plan.connect.push(p.id);
  }
  return plan;
}
