// The one implementation of the host API contract (src-shared/host-api.ts) on top of the core: profiles,
// keychain secrets, the orchestrator's live connections, chat, prompts and diagnostics. Both hosts run
// this same service: the web host (`clawlink serve`, web-host.ts) over a WebSocket and the Electron shell
// over IPC. Plain Node; it never sees a window or a socket of the UI.
//
// Rules it keeps:
// - Secrets only come in (setSecret, a token typed in the add form, a passphrase). What goes out says
//   whether a secret is stored and which source is in use, never its value.
// - Questions only a person can answer (unknown host key, TLS first use / re-trust, key passphrase) become
//   prompts the UI shows; the connection waits until the person answers.
// - Every event leaves through emit(), which validates it against the contract first.
import os from "node:os";
import type { ConnectionSnapshot } from "../../../src-shared/connection.js";
import {
  hostEvents,
  NewProfileSchema,
  type AppInfo,
  type HostEventMessage,
  type HostEventName,
  type HostEventPayload,
  type HostHandlers,
  type HostState,
  type LadderView,
  type NewProfile,
  type Prompt,
  type ProfileView,
} from "../../../src-shared/host-api.js";
import type { GatewayStatus } from "../../../src-shared/gateway-session.js";
import { runLadder, type LadderResult } from "../diagnostics/ladder.js";
import { sendIdOf, type GatewaySession, type GatewaySessionEvent } from "../gateway/gateway-session.js";
import { readRecentLog } from "../log/file-sink.js";
import type { Logger } from "../log/logger.js";
import type { Prompts, SupervisorDeps } from "../orchestrator/connection-spec.js";
import { Orchestrator } from "../orchestrator/orchestrator.js";
import { rememberLocalPortIn, specFromProfile } from "../orchestrator/profile-spec.js";
import { profileFromDashboardUrl } from "../profiles/dashboard-url.js";
import { importFromOpenClawConfig, readOpenClawConfig } from "../profiles/openclaw-config.js";
import { saveImportedProfile } from "../profiles/profile-import.js";
import { profileScopedStore } from "../profiles/profile-keychain.js";
import { ProfileSchema, newProfileUid, uniqueSlug, type Profile } from "../profiles/profile-schema.js";
import { deleteProfileSecret, deleteProfileSecrets, readProfileSecrets, setProfileSecret } from "../profiles/profile-secrets.js";
import { ProfileError, type ProfileStore } from "../profiles/profile-store.js";
import type { SecretStore } from "../secrets/secret-store.js";
import { parseDirectUrl } from "../transport/direct-url.js";
import { listSshConfigHosts } from "../transport/ssh-config-hosts.js";
import { displayTlsFingerprint, normalizeTlsFingerprint, retrustTlsPin, tlsPinKey, type TlsTrustPrompt } from "../transport/tls-pin.js";
import { CLAWLINK_VERSION } from "../version.js";
import { normalizeHistory, normalizeSessions } from "./chat-history.js";
import { DiagnosticsExports } from "./diagnostics-exports.js";

export interface HostServiceOptions {
  host: AppInfo["host"];
  configDir: string;
  profiles: ProfileStore;
  secrets: SecretStore;
  logger: Logger;
  /** Shown to the person (e.g. "No keychain is available …"). */
  notices?: string[];
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  platform?: string;
  /** "Show in folder": the Electron shell binds shell.showItemInFolder; the web host has none (the UI shows the folder). */
  revealInFolder?: (file: string) => void | Promise<void>;
  /** Test/bench overrides for the supervisors (liveness intervals, backoff). */
  supervisor?: Pick<SupervisorDeps, "tunnel" | "sessionPolicy">;
}

/** A handler error a person can act on: the message and the fix travel to the UI. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly fixHint?: string,
  ) {
    super(message);
    this.name = "HostError";
  }
}

interface PromptReply {
  accept: boolean;
  passphrase?: string;
  remember?: boolean;
  /** TLS prompts: the fingerprint the person accepted (checked against the one shown before it gets here). */
  fingerprint?: string;
}

interface PendingPrompt {
  prompt: Prompt;
  resolve: (a: PromptReply) => void;
}

const CHAT_HISTORY_LIMIT = 500;

export class HostService {
  readonly orchestrator: Orchestrator;
  readonly handlers: HostHandlers;
  private readonly listeners = new Set<(e: HostEventMessage) => void>();
  private readonly pending = new Map<string, PendingPrompt>();
  private readonly statuses = new Map<string, GatewayStatus>();
  private readonly watched = new Map<string, Set<string>>();
  private readonly watchedOn = new WeakMap<GatewaySession, Set<string>>();
  private readonly ladders = new Map<string, LadderResult>();
  private readonly exports: DiagnosticsExports;
  private readonly log: Logger;
  private promptSeq = 0;
  private readonly deps: SupervisorDeps;

  constructor(private readonly o: HostServiceOptions) {
    this.log = o.logger.child("host");
    const prompts: Prompts = {
      // The supervisor says which connection asks; the guess is only for callers that don't (none in the app).
      confirmHostKey: async (p, origin) =>
        (await this.ask({ kind: "host-key", profileId: origin?.connectionId ?? this.askingProfile("ssh"), host: p.host, port: p.port, keyType: p.keyType, fingerprint: p.fingerprint, hop: p.hop })).accept,
      confirmTls: async (p, origin) => (await this.ask(this.tlsPrompt(p, origin?.connectionId ?? this.askingProfile("direct")))).accept,
      askPassphrase: async (req, origin) => {
        const a = await this.ask({ kind: "passphrase", profileId: origin?.connectionId ?? this.askingProfile("ssh"), keyFile: req.keyFile, attempt: req.attempt });
        if (!a.accept || !a.passphrase) return null;
        this.o.logger.redactor.add(a.passphrase);
        return { passphrase: a.passphrase, remember: Boolean(a.remember) };
      },
    };
    this.deps = {
      secrets: o.secrets,
      logger: o.logger,
      prompts,
      configDir: o.configDir,
      rememberLocalPort: rememberLocalPortIn(o.profiles),
      ...(o.env ? { env: o.env } : {}),
      ...(o.homeDir ? { homeDir: o.homeDir } : {}),
      ...(o.supervisor?.tunnel ? { tunnel: o.supervisor.tunnel } : {}),
      ...(o.supervisor?.sessionPolicy ? { sessionPolicy: o.supervisor.sessionPolicy } : {}),
    };
    this.orchestrator = new Orchestrator(this.deps);
    this.exports = new DiagnosticsExports({ configDir: o.configDir, revealInFolder: o.revealInFolder });
    this.orchestrator.on((e) => {
      if (e.type === "connection") this.onSnapshot(e.snapshot);
      else if (e.type === "notice") this.emit("notice", { level: e.level, message: e.message });
      else if (e.type === "removed") this.emit("connectionRemoved", { id: e.id });
      else this.onSessionEvent(e.id, e.event);
    });
    this.handlers = this.makeHandlers();
  }

  /** Every event for the UI, already validated against the contract. */
  onEvent(l: (e: HostEventMessage) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Connects the profiles marked "connect at start". */
  async start(): Promise<void> {
    for (const p of this.o.profiles.list()) if (p.connectAtStart) this.startConnection(p);
  }

  /** Quit: every pending question is declined and every connection stops cleanly. */
  async stop(): Promise<void> {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.resolve({ accept: false });
    }
    await this.orchestrator.stopAll();
  }

  appInfo(): AppInfo {
    return { name: "Clawlink", version: CLAWLINK_VERSION, platform: this.o.platform ?? process.platform, host: this.o.host, secretStore: this.o.secrets.kind };
  }

  // ---- handlers ----------------------------------------------------------------------------------------

  private makeHandlers(): HostHandlers {
    return {
      getAppInfo: () => this.appInfo(),
      getState: () => this.state(),
      addProfile: (input) => this.addProfile(input),
      updateProfile: async (id, patch) => {
        const cur = this.profile(id);
        const next = await this.o.profiles.update(cur.id, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.connectAtStart !== undefined ? { connectAtStart: patch.connectAtStart } : {}),
          ...(patch.authMode !== undefined ? { auth: { mode: patch.authMode } } : {}),
        });
        await this.emitProfiles();
        return this.view(next);
      },
      removeProfile: async (id) => {
        const p = this.profile(id);
        this.declinePrompts(p.id);
        await this.orchestrator.disconnect(p.id);
        await this.o.profiles.remove(p.id);
        await deleteProfileSecrets(this.o.secrets, p.uid);
        this.statuses.delete(p.id);
        await this.emitProfiles();
        return { ok: true };
      },
      importOpenClawConfig: () => this.importOpenClaw(),
      setSecret: async (id, kind, value) => {
        const p = this.profile(id);
        this.o.logger.redactor.add(value);
        await setProfileSecret(this.o.secrets, p.uid, kind, value);
        await this.applyCredentials(p);
        await this.emitProfiles();
        return this.view(this.profile(p.id));
      },
      deleteSecret: async (id, kind) => {
        const p = this.profile(id);
        await deleteProfileSecret(this.o.secrets, p.uid, kind);
        await this.applyCredentials(p);
        await this.emitProfiles();
        return this.view(this.profile(p.id));
      },
      connect: (id) => {
        this.startConnection(this.profile(id));
        return { ok: true };
      },
      disconnect: async (id) => {
        const p = this.profile(id);
        this.declinePrompts(p.id);
        await this.orchestrator.disconnect(p.id);
        this.statuses.delete(p.id);
        return { ok: true };
      },
      retry: (id) => {
        const p = this.profile(id);
        // From the top with freshly resolved settings and credentials (a person just fixed something).
        this.startConnection(p);
        return { ok: true };
      },
      retrustTls: async (id, shown) => {
        await this.retrustTls(this.profile(id), shown);
        return { ok: true };
      },
      answerPrompt: (a) => {
        const p = this.pending.get(a.id);
        if (!p) throw new HostError("That question was already answered or has expired.");
        // Trust goes only to the certificate the person was shown: an answer naming another fingerprint
        // (a stale screen, a confused client) leaves the question open and trusts nothing.
        if (p.prompt.kind === "tls" && a.accept && normalizeTlsFingerprint(a.fingerprint) !== normalizeTlsFingerprint(p.prompt.fingerprint)) {
          throw new HostError(
            `The fingerprint you accepted (${a.fingerprint ?? "none"}) is not the one this question shows (${p.prompt.fingerprint}); nothing was trusted.`,
            "Compare the fingerprint shown in the question with the gateway's and answer again.",
          );
        }
        this.pending.delete(a.id);
        if (a.passphrase) this.o.logger.redactor.add(a.passphrase);
        p.resolve({ accept: a.accept, ...(a.passphrase ? { passphrase: a.passphrase } : {}), ...(a.remember !== undefined ? { remember: a.remember } : {}), ...(a.fingerprint ? { fingerprint: a.fingerprint } : {}) });
        this.emitPrompts();
        return { ok: true };
      },
      listChatSessions: async (id) => normalizeSessions(await this.session(id).listSessions(100)),
      openChat: async (id, key) => {
        const session = this.session(id);
        const sessionKey = key ?? session.mainSessionKey;
        const set = this.watched.get(id) ?? new Set<string>();
        set.add(sessionKey);
        this.watched.set(id, set);
        this.ensureWatches(id);
        const messages = normalizeHistory(await session.history(sessionKey, CHAT_HISTORY_LIMIT), sendIdOf);
        return { sessionKey, messages, outbox: session.outboxEntries().filter((e) => e.sessionKey === sessionKey) };
      },
      sendChat: (id, key, text) => ({ ...this.session(id, { connected: false }).send(key, text) }),
      resendChat: (id, key) => {
        const e = this.session(id, { connected: false }).resend(key);
        return e ? { ...e } : null;
      },
      discardChat: (id, key) => ({ discarded: this.session(id, { connected: false }).discard(key) }),
      abortChat: async (id, key, runId) => {
        const res = await this.session(id).abort(key, runId ?? undefined);
        return { aborted: Boolean(res.aborted) };
      },
      testConnection: async (id) => {
        const p = this.profile(id);
        const { spec } = await specFromProfile(p, this.specOptions());
        const result = await runLadder(spec, this.deps);
        this.ladders.set(p.id, result);
        return ladderView(result);
      },
      exportDiagnostics: async (id) => {
        const p = this.profile(id);
        const { credentials } = await specFromProfile(p, this.specOptions());
        return this.exports.write(p.id, {
          profile: p,
          ladder: this.ladders.get(p.id) ?? null,
          recentLog: readRecentLog(this.o.configDir, 500),
          redactor: this.o.logger.redactor,
          extra: { connection: this.orchestrator.get(p.id)?.snapshot ?? null, credentialTrail: credentials.trail, host: this.o.host },
        });
      },
      revealExport: (file) => this.exports.reveal(file),
      listSshHosts: () => listSshConfigHosts(this.o.homeDir ?? os.homedir(), this.o.env ?? process.env),
      recentLogs: (n) =>
        readRecentLog(this.o.configDir, n).map((r) => `${new Date(r.ts).toISOString()} ${r.level.padEnd(5)} ${r.scope}: ${r.msg}${r.fields ? ` ${JSON.stringify(r.fields)}` : ""}`),
    };
  }

  // ---- state ------------------------------------------------------------------------------------------

  async state(): Promise<HostState> {
    const report = this.o.profiles.loadReport;
    const notices = [...(this.o.notices ?? []), ...report.warnings];
    if (report.error) notices.push(`${report.error.message} ${report.error.fixHint}`);
    return {
      app: this.appInfo(),
      profiles: await this.views(),
      connections: this.orchestrator.snapshots(),
      statuses: [...this.statuses].map(([profileId, status]) => ({ profileId, status })),
      prompts: [...this.pending.values()].map((p) => p.prompt),
      notices,
    };
  }

  private profile(id: string): Profile {
    const p = this.o.profiles.get(id);
    if (!p) throw new HostError(`No profile "${id}".`, "It may have been removed; pick another profile.");
    return p;
  }

  private specOptions() {
    return { secrets: this.o.secrets, env: this.o.env ?? process.env, ...(this.o.homeDir ? { homeDir: this.o.homeDir } : {}) };
  }

  private async views(): Promise<ProfileView[]> {
    return Promise.all(this.o.profiles.list().map((p) => this.view(p)));
  }

  private async view(p: Profile): Promise<ProfileView> {
    const [stored, resolved] = await Promise.all([readProfileSecrets(this.o.secrets, p.uid), specFromProfile(p, this.specOptions())]);
    let direct: ProfileView["direct"] = null;
    if (p.kind === "direct" && p.direct) {
      const u = parseDirectUrl(p.direct.url);
      const pinned = u.ok && u.value.secure ? Boolean(await profileScopedStore(this.o.secrets, p.uid).get(tlsPinKey(u.value.host, u.value.port))) : false;
      direct = { url: p.direct.url, tlsPinned: pinned };
    }
    const c = resolved.credentials;
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      connectAtStart: p.connectAtStart,
      authMode: p.auth.mode,
      importedFrom: p.importedFrom ?? null,
      ssh: p.ssh ? { target: p.ssh.target, identityFile: p.ssh.identityFile ?? null, remotePort: p.ssh.remotePort, localPort: p.ssh.localPort ?? p.ssh.rememberedLocalPort ?? null } : null,
      direct,
      local: p.kind === "local" ? { port: p.local?.port ?? null } : null,
      stored: { token: Boolean(stored.token), password: Boolean(stored.password) },
      credential: { token: c.token?.source ?? null, password: c.password?.source ?? null, missing: c.missing?.fixHint ?? null },
    };
  }

  private async emitProfiles(): Promise<void> {
    this.emit("profiles", await this.views());
  }

  // ---- profiles ---------------------------------------------------------------------------------------

  private async addProfile(raw: NewProfile): Promise<{ profile: ProfileView; notes: string[] }> {
    const input = NewProfileSchema.parse(raw);
    const existing = this.o.profiles.list();
    const ids = existing.map((p) => p.id);
    let profile: Profile;
    const secrets: { token?: string; tlsPin?: { host: string; port: number; fingerprint: string } } = {};
    const notes: string[] = [];
    // What the person ticked is saved; unsaid, a gateway they just added is one they want connected (issue 12).
    const connectAtStart = input.connectAtStart ?? true;
    if (input.kind === "direct") {
      const made = profileFromDashboardUrl(input.url, { ...(input.name?.trim() ? { name: input.name } : {}), existing, secretStore: this.o.secrets.kind });
      // The form shows one error for several fields: name the one at fault.
      if (!made.ok) throw new HostError(made.attention.reason === "invalid-url" ? `Gateway URL: ${made.attention.message}` : made.attention.message, made.attention.fixHint);
      // A name the person typed makes the id, else the host does (keychain entries are keyed by the uid).
      profile = { ...made.value.profile, ...(input.name?.trim() ? { id: uniqueSlug(input.name, ids) } : {}), connectAtStart };
      const token = input.token?.trim() || made.value.token;
      if (token) {
        secrets.token = token;
        profile.auth = { mode: "token" };
      }
      notes.push(...made.value.notes);
      if (input.tlsFingerprint?.trim()) {
        const fp = normalizeTlsFingerprint(input.tlsFingerprint);
        const u = parseDirectUrl(profile.direct!.url);
        if (!fp) throw new HostError(`"${input.tlsFingerprint.trim()}" is not a SHA-256 certificate fingerprint.`, "Give the 64 hex characters, with or without colons.");
        if (!u.ok || !u.value.secure) throw new HostError("A TLS fingerprint only applies to wss:// (or https://) addresses.", "Use the wss:// address, or leave the fingerprint empty.");
        secrets.tlsPin = { host: u.value.host, port: u.value.port, fingerprint: fp };
      }
    } else {
      const candidate =
        input.kind === "ssh"
          ? {
              id: uniqueSlug(input.name, ids),
              uid: newProfileUid(),
              name: input.name,
              kind: "ssh",
              connectAtStart,
              auth: { mode: "token" },
              ssh: {
                target: input.target.trim(),
                ...(input.identityFile?.trim() ? { identityFile: input.identityFile.trim() } : {}),
                ...(input.remotePort ? { remotePort: input.remotePort } : {}),
                ...(input.localPort ? { localPort: input.localPort } : {}),
              },
            }
          : { id: uniqueSlug(input.name, ids), uid: newProfileUid(), name: input.name, kind: "local", connectAtStart, local: input.port ? { port: input.port } : {} };
      const checked = ProfileSchema.safeParse(candidate);
      if (!checked.success) throw new HostError(checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), "Check the highlighted fields.");
      profile = checked.data;
      if (input.kind === "ssh" && input.token?.trim()) secrets.token = input.token.trim();
    }
    if (secrets.token) this.o.logger.redactor.add(secrets.token);
    const saved = await saveImportedProfile(this.o.profiles, this.o.secrets, profile, secrets);
    await this.emitProfiles();
    return { profile: await this.view(saved), notes };
  }

  private async importOpenClaw(): Promise<{ profile: ProfileView; notes: string[] }> {
    const env = this.o.env ?? process.env;
    const read = await readOpenClawConfig({ env, ...(this.o.homeDir ? { homeDir: this.o.homeDir } : {}) });
    if (!read.ok) throw new HostError(read.attention.message, read.attention.fixHint);
    if (!("config" in read)) throw new HostError("No openclaw.json was found on this machine.", "Add the remote gateway by hand (SSH or URL) instead.");
    const imported = importFromOpenClawConfig(read.config, { env, existing: this.o.profiles.list(), secretStore: this.o.secrets.kind });
    if (!imported.ok) throw new HostError(imported.attention.message, imported.attention.fixHint);
    for (const s of [imported.value.secrets.token, imported.value.secrets.password]) this.o.logger.redactor.add(s);
    const saved = await saveImportedProfile(this.o.profiles, this.o.secrets, imported.value.profile, imported.value.secrets);
    await this.emitProfiles();
    return { profile: await this.view(saved), notes: imported.value.notes };
  }

  // ---- connections ------------------------------------------------------------------------------------

  private startConnection(p: Profile): void {
    void (async () => {
      const { spec, notes } = await specFromProfile(p, this.specOptions());
      for (const n of notes) this.log.info(`profile ${p.id}: ${n}`);
      await this.orchestrator.connect(spec);
    })().catch((e: unknown) => {
      this.log.error(`connect ${p.id} failed`, { error: e });
      this.emit("notice", { level: "error", message: `Could not start ${p.name}: ${(e as Error).message}` });
    });
  }

  /** A stored secret changed: a live connection takes the newly resolved credentials and tries again. */
  private async applyCredentials(p: Profile): Promise<void> {
    const sup = this.orchestrator.get(p.id);
    if (!sup) return;
    const { credentials } = await specFromProfile(p, this.specOptions());
    sup.setCredentials({ token: credentials.token ?? null, password: credentials.password ?? null });
  }

  /**
   * Re-trust after "tls-cert-changed", for the fingerprint the UI showed (`shown`, sent back with the
   * click): one probe, which must still see that certificate, then the details once more in a prompt
   * whose answer must name it again. A server that now presents anything else is refused.
   */
  private async retrustTls(p: Profile, shown: string): Promise<void> {
    const u = p.direct ? parseDirectUrl(p.direct.url) : null;
    if (!u?.ok || !u.value.secure) throw new HostError("Only wss:// profiles have a pinned certificate.");
    const { host, port } = u.value;
    const res = await retrustTlsPin({
      host,
      port,
      store: profileScopedStore(this.o.secrets, p.uid),
      shown,
      confirm: async (prompt) => {
        const a = await this.ask(this.tlsPrompt(prompt, p.id));
        return { accept: a.accept, ...(a.fingerprint ? { fingerprint: a.fingerprint } : {}) };
      },
    });
    if (!res.ok) throw new HostError(res.attention.message, res.attention.fixHint);
    this.startConnection(p);
  }

  private onSnapshot(s: ConnectionSnapshot): void {
    this.emit("connection", s);
    if (s.state === "connected") this.ensureWatches(s.id);
  }

  /** Each new GatewaySession of a connection (a new tunnel makes one) follows the chats the UI opened. */
  private ensureWatches(id: string): void {
    const session = this.orchestrator.get(id)?.session;
    const keys = this.watched.get(id);
    if (!session || !keys) return;
    const done = this.watchedOn.get(session) ?? new Set<string>();
    this.watchedOn.set(session, done);
    for (const k of keys) {
      if (done.has(k)) continue;
      done.add(k);
      session.watch(k);
    }
  }

  private onSessionEvent(id: string, e: GatewaySessionEvent): void {
    switch (e.type) {
      case "status":
        this.statuses.set(id, e.status);
        this.emit("gatewayStatus", { profileId: id, status: e.status });
        return;
      case "chat":
        this.emit("chat", { profileId: id, event: e.event });
        // A finished run is in the transcript now: send the authoritative history.
        if (e.event.state === "final" || e.event.state === "error" || e.event.state === "aborted") void this.refreshHistory(id, e.event.sessionKey);
        return;
      case "chat-history":
        this.emit("chatHistory", { profileId: id, sessionKey: e.sessionKey, messages: normalizeHistory(e.messages, sendIdOf), reason: e.reason });
        return;
      case "outbox":
        this.emit("outbox", { profileId: id, entries: e.entries.map((x) => ({ ...x })) });
        return;
      default:
        return;
    }
  }

  private async refreshHistory(id: string, sessionKey: string): Promise<void> {
    const session = this.orchestrator.get(id)?.session;
    if (!session || session.snapshot.phase !== "connected") return;
    try {
      const messages = normalizeHistory(await session.history(sessionKey, CHAT_HISTORY_LIMIT), sendIdOf);
      this.emit("chatHistory", { profileId: id, sessionKey, messages, reason: "refresh" });
    } catch (e) {
      this.log.warn(`history refresh for ${id} failed`, { error: e });
    }
  }

  private session(id: string, o: { connected?: boolean } = { connected: true }): GatewaySession {
    const p = this.profile(id);
    const session = this.orchestrator.get(p.id)?.session;
    if (!session) throw new HostError(`${p.name} is not connected.`, "Connect first; messages can be queued once the connection has reached the gateway once.");
    if (o.connected && session.snapshot.phase !== "connected") throw new HostError(`${p.name} is not connected right now.`, "Wait until it is connected again.");
    return session;
  }

  // ---- prompts ----------------------------------------------------------------------------------------

  private ask(p: DistributiveOmit<Prompt, "id">): Promise<PromptReply> {
    const id = `prompt-${++this.promptSeq}`;
    const prompt = { ...p, id } as Prompt;
    return new Promise((resolve) => {
      this.pending.set(id, { prompt, resolve });
      this.emitPrompts();
    });
  }

  private tlsPrompt(p: TlsTrustPrompt, profileId: string | null): DistributiveOmit<Prompt, "id"> {
    return {
      kind: "tls",
      profileId,
      trust: p.kind,
      authority: p.authority,
      fingerprint: p.fingerprintDisplay,
      previousFingerprint: p.previousFingerprint ? displayFp(p.previousFingerprint) : null,
      systemTrusted: p.systemTrusted,
      trustProblem: p.trustProblem ?? null,
      subject: p.subject,
      issuer: p.issuer,
      validTo: p.validTo,
    };
  }

  /** Which connection is asking: the one of that kind that is between "start" and "connected", if unique. */
  private askingProfile(kind: "ssh" | "direct"): string | null {
    const asking = this.orchestrator
      .snapshots()
      .filter((s) => s.kind === kind && ["ssh-connecting", "verifying-host", "authenticating", "connecting", "idle", "reconnecting"].includes(s.state));
    return asking.length === 1 ? asking[0]!.id : null;
  }

  private declinePrompts(profileId: string): void {
    let changed = false;
    for (const [id, p] of this.pending) {
      if (p.prompt.profileId !== profileId) continue;
      this.pending.delete(id);
      p.resolve({ accept: false });
      changed = true;
    }
    if (changed) this.emitPrompts();
  }

  private emitPrompts(): void {
    this.emit("prompts", [...this.pending.values()].map((p) => p.prompt));
  }

  private emit<K extends HostEventName>(name: K, payload: HostEventPayload<K>): void {
    const checked = hostEvents[name].safeParse(payload);
    if (!checked.success) {
      this.log.error(`event ${name} does not match the host API contract; not sent`, { issues: checked.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`) });
      return;
    }
    const msg = { name, payload: checked.data } as HostEventMessage;
    for (const l of this.listeners) {
      try {
        l(msg);
      } catch (e) {
        this.log.error(`event listener for ${name} threw`, { error: e });
      }
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function displayFp(hex: string): string {
  const n = normalizeTlsFingerprint(hex);
  return n ? displayTlsFingerprint(n) : hex;
}

export function ladderView(r: LadderResult): LadderView {
  return {
    ok: r.ok,
    totalMs: r.totalMs,
    outcome: { kind: r.outcome.kind, reason: r.outcome.reason, step: r.outcome.step, message: r.outcome.message, fixHint: r.outcome.fixHint },
    steps: r.steps.map((s) => ({ name: s.name, ok: s.ok, ms: s.ms, detail: s.detail, ...(s.attention ? { attention: s.attention } : {}) })),
  };
}

export { ProfileError };
