// The gateway's status as a session shows it: seeded from the hello-ok snapshot, patched by health and
// presence events, refreshed (health doubling as the latency probe, then status) on a timer while
// connected. Also the gateway's main chat session key from the hello. Split out of gateway-session.ts
// (issue 14 §5).
import type { HelloOk } from "@openclaw/gateway-protocol/frame-guards";
import type { ConnectedInfo, GatewayStatus } from "../../../src-shared/gateway-session.js";
import type { Logger } from "../log/logger.js";
import { uploadPolicyOf, type UploadPolicy } from "./chat-pictures.js";

type Request = (method: string, params: unknown) => Promise<Record<string, unknown>>;

export class SessionStatus {
  private value: GatewayStatus | null = null;
  private mainSessionKeyValue = "agent:main:main";
  private timer: NodeJS.Timeout | null = null;
  private uploadPolicyValue: UploadPolicy = { maxPayload: null, maxImageBytes: null };

  constructor(
    private readonly emit: (status: GatewayStatus) => void,
    private readonly logger: Logger,
  ) {}

  get current(): GatewayStatus | null {
    return this.value;
  }
  /** The gateway's main chat session (hello-ok snapshot.sessionDefaults.mainSessionKey). */
  get mainSessionKey(): string {
    return this.mainSessionKeyValue;
  }

  /** This connection's ceilings for sent pictures (hello-ok policy; re-read on every hello). */
  get uploadPolicy(): UploadPolicy {
    return this.uploadPolicyValue;
  }

  /** A new hello: the status starts again from its snapshot (what only a refresh fetches is kept). */
  applyHello(hello: HelloOk, c: ConnectedInfo | null, now: number): void {
    const snap = (hello.snapshot ?? {}) as { uptimeMs?: number; health?: unknown; presence?: unknown[]; sessionDefaults?: { mainSessionKey?: unknown } };
    this.uploadPolicyValue = uploadPolicyOf(hello);
    if (typeof snap.sessionDefaults?.mainSessionKey === "string") this.mainSessionKeyValue = snap.sessionDefaults.mainSessionKey;
    this.value = {
      serverVersion: c?.serverVersion ?? null,
      uptimeMs: typeof snap.uptimeMs === "number" ? snap.uptimeMs : null,
      health: snap.health ?? null,
      status: this.value?.status ?? null,
      presence: Array.isArray(snap.presence) ? snap.presence : [],
      authMethod: c?.authMethod ?? null,
      authSource: c?.authSource ?? null,
      latencyMs: this.value?.latencyMs ?? null,
      updatedAt: now,
    };
    this.emit(this.value);
  }

  patch(patch: Partial<GatewayStatus>): void {
    if (!this.value) return;
    this.value = { ...this.value, ...patch, updatedAt: Date.now() };
    this.emit(this.value);
  }

  /** Connected: refresh now, then every `intervalMs` until stopTimer(). */
  startTimer(intervalMs: number, request: Request): void {
    void this.refresh(request);
    this.stopTimer();
    this.timer = setInterval(() => void this.refresh(request), intervalMs);
    this.timer.unref();
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** health (timed: it doubles as the round-trip latency probe) and status. */
  async refresh(request: Request): Promise<GatewayStatus | null> {
    try {
      const t0 = performance.now();
      const health = await request("health", {});
      const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
      const status = await request("status", {}).catch((e: unknown) => ({ unavailable: (e as Error).message }));
      const uptimeMs = typeof (status as { uptimeMs?: unknown }).uptimeMs === "number" ? (status as { uptimeMs: number }).uptimeMs : this.value?.uptimeMs ?? null;
      this.patch({ health, status, latencyMs, uptimeMs });
    } catch (e) {
      this.logger.debug("status refresh failed", { error: e });
    }
    return this.value;
  }
}
