// Questions only a person can answer (an unknown SSH host key, TLS first use or re-trust, a key
// passphrase): the supervisors ask through here, the UI sees the open list as the "prompts" event, and a
// connection waits until its question is answered, declined (disconnect, remove) or the host stops.
// TLS trust goes only to the fingerprint the person was shown.
import type { ConnectionSnapshot } from "../../../src-shared/connection.js";
import type { HostMethodArgs, Prompt } from "../../../src-shared/host-api.js";
import type { SecretRedactor } from "../log/redactor.js";
import type { Prompts } from "../orchestrator/connection-spec.js";
import { displayTlsFingerprint, normalizeTlsFingerprint, type TlsTrustPrompt } from "../transport/tls-pin.js";
import type { EmitHostEvent } from "./host-events.js";
import { HandlerError } from "./host-call.js";

export interface PromptReply {
  accept: boolean;
  passphrase?: string;
  remember?: boolean;
  /** TLS prompts: the fingerprint the person accepted (checked against the one shown before it gets here). */
  fingerprint?: string;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type PromptRequest = DistributiveOmit<Prompt, "id">;

interface PendingPrompt {
  prompt: Prompt;
  resolve: (a: PromptReply) => void;
}

export class PromptBroker {
  private readonly pending = new Map<string, PendingPrompt>();
  private seq = 0;

  constructor(
    private readonly emit: EmitHostEvent,
    private readonly snapshots: () => ConnectionSnapshot[],
    private readonly redactor: SecretRedactor,
  ) {}

  /** What the supervisors ask through. */
  supervisorPrompts(): Prompts {
    return {
      // The supervisor says which connection asks; the guess is only for callers that don't (none in the app).
      confirmHostKey: async (p, origin) =>
        (await this.ask({ kind: "host-key", profileId: origin?.connectionId ?? this.askingProfile("ssh"), host: p.host, port: p.port, keyType: p.keyType, fingerprint: p.fingerprint, hop: p.hop })).accept,
      confirmTls: async (p, origin) => (await this.ask(tlsPrompt(p, origin?.connectionId ?? this.askingProfile("direct")))).accept,
      askPassphrase: async (req, origin) => {
        const a = await this.ask({ kind: "passphrase", profileId: origin?.connectionId ?? this.askingProfile("ssh"), keyFile: req.keyFile, attempt: req.attempt });
        if (!a.accept || !a.passphrase) return null;
        this.redactor.add(a.passphrase);
        return { passphrase: a.passphrase, remember: Boolean(a.remember) };
      },
    };
  }

  ask(p: PromptRequest): Promise<PromptReply> {
    const id = `prompt-${++this.seq}`;
    const prompt = { ...p, id } as Prompt;
    return new Promise((resolve) => {
      this.pending.set(id, { prompt, resolve });
      this.emitPrompts();
    });
  }

  /** The answerPrompt handler. */
  answer([a]: HostMethodArgs<"answerPrompt">): { ok: true } {
    const p = this.pending.get(a.id);
    if (!p) throw new HandlerError("That question was already answered or has expired.");
    // Trust goes only to the certificate the person was shown: an answer naming another fingerprint
    // (a stale screen, a confused client) leaves the question open and trusts nothing.
    if (p.prompt.kind === "tls" && a.accept && normalizeTlsFingerprint(a.fingerprint) !== normalizeTlsFingerprint(p.prompt.fingerprint)) {
      throw new HandlerError(
        `The fingerprint you accepted (${a.fingerprint ?? "none"}) is not the one this question shows (${p.prompt.fingerprint}); nothing was trusted.`,
        "Compare the fingerprint shown in the question with the gateway's and answer again.",
      );
    }
    this.pending.delete(a.id);
    if (a.passphrase) this.redactor.add(a.passphrase);
    p.resolve({ accept: a.accept, ...(a.passphrase ? { passphrase: a.passphrase } : {}), ...(a.remember !== undefined ? { remember: a.remember } : {}), ...(a.fingerprint ? { fingerprint: a.fingerprint } : {}) });
    this.emitPrompts();
    return { ok: true };
  }

  list(): Prompt[] {
    return [...this.pending.values()].map((p) => p.prompt);
  }

  /** Disconnect or remove: that connection's open questions are declined. */
  declineFor(profileId: string): void {
    let changed = false;
    for (const [id, p] of this.pending) {
      if (p.prompt.profileId !== profileId) continue;
      this.pending.delete(id);
      p.resolve({ accept: false });
      changed = true;
    }
    if (changed) this.emitPrompts();
  }

  /** Quit: every open question is declined. */
  declineAll(): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.resolve({ accept: false });
    }
  }

  /** Which connection is asking: the one of that kind that is between "start" and "connected", if unique. */
  private askingProfile(kind: "ssh" | "direct"): string | null {
    const asking = this.snapshots().filter((s) => s.kind === kind && ["ssh-connecting", "verifying-host", "authenticating", "connecting", "idle", "reconnecting"].includes(s.state));
    return asking.length === 1 ? asking[0]!.id : null;
  }

  private emitPrompts(): void {
    this.emit("prompts", this.list());
  }
}

export function tlsPrompt(p: TlsTrustPrompt, profileId: string | null): PromptRequest {
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

function displayFp(hex: string): string {
  const n = normalizeTlsFingerprint(hex);
  return n ? displayTlsFingerprint(n) : hex;
}
