// The effect runner of route-failover.ts for one connection with several routes (issue 13 §3): it
// watches the connection's snapshots, switches the connection to another route when the reducer says
// so (ConnectionSupervisor.useRoute keeps the connection id, its listeners and its outbox, so chat and
// queued messages carry over), and probes the preferred routes quietly while on a fallback.
import type { ConnectionSnapshot } from "../../../src-shared/connection.js";
import type { RouteInUse } from "../../../src-shared/routes.js";
import { runLadder } from "../diagnostics/ladder.js";
import type { GatewaySession } from "../gateway/gateway-session.js";
import type { Logger } from "../log/logger.js";
import type { ConnectionSpec, SupervisorDeps } from "./connection-spec.js";
import { initialFailover, reduceFailover, type FailoverEffect, type FailoverEvent, type FailoverModel } from "./route-failover.js";
import { DEFAULT_RETURN_CHECK_MS, routeInUse, routeLabel, specForRoute, type RouteSpec } from "./route-spec.js";

/**
 * A direct route's own dead-link watch is the gateway's tick (2 × tickIntervalMs = 30 s with 2026.9.6,
 * docs/gateway/protocol/versioning.md), far past the 10 s goal an SSH route meets with its keepalives.
 * With a fallback to go to, the runner checks a direct link itself: one `health` round trip every
 * LINK_EVERY_MS, LINK_TIMEOUT_MS to answer (the network-change recheck's grace), so a dead link is
 * noticed within ~5 s. A single-route connection never pays for this.
 */
const LINK_EVERY_MS = 2_000;
const LINK_TIMEOUT_MS = 3_000;

/** What the runner needs of a connection: its spec, its snapshots, its session, and a way to move it to another route. */
export interface RoutedConnection {
  readonly spec: ConnectionSpec;
  readonly session: GatewaySession | null;
  onSnapshot(l: (s: ConnectionSnapshot) => void): () => void;
  useRoute(route: RouteSpec, inUse: RouteInUse): Promise<void>;
}

/** The quiet return probe: the ladder with no prompts (a person is never asked about a route not in use). */
export type RouteProbe = (spec: ConnectionSpec) => Promise<boolean>;

export function ladderProbe(deps: SupervisorDeps): RouteProbe {
  const quiet: SupervisorDeps = { ...deps, prompts: {} };
  return async (spec) => (await runLadder(spec, quiet, { stepTimeoutMs: 3_000, sshTimeoutMs: 8_000, gatewayTimeoutMs: 6_000 })).ok;
}

export class RouteRunner {
  private model: FailoverModel;
  private timer: NodeJS.Timeout | null = null;
  private linkTimer: NodeJS.Timeout | null = null;
  private lastKey = "";
  /** Switches run one after another: a second decision waits for the first switch to finish. */
  private chain: Promise<void> = Promise.resolve();
  private readonly routes: RouteSpec[];
  private readonly everyMs: number;

  constructor(
    private readonly conn: RoutedConnection,
    private readonly probe: RouteProbe,
    private readonly log: Logger,
  ) {
    this.routes = conn.spec.routes ?? [];
    this.everyMs = conn.spec.returnCheckMs ?? DEFAULT_RETURN_CHECK_MS;
    this.model = initialFailover(this.routes.length);
    conn.onSnapshot((s) => this.observe(s));
  }

  /** The route the connection starts on (route 0, the preferred one). */
  get initial(): RouteInUse {
    return routeInUse(this.routes, 0);
  }

  private observe(s: ConnectionSnapshot): void {
    this.watchLink(s);
    // One event per state (or reason) change: attempt counters ticking over are not a new failure.
    const reason = s.attention?.reason ?? null;
    const key = `${s.state}|${reason ?? ""}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.dispatch({ type: "state", state: s.state, reason });
  }

  private dispatch(e: FailoverEvent): void {
    const t = reduceFailover(this.model, e);
    this.model = t.model;
    for (const effect of t.effects) this.run(effect);
  }

  private run(effect: FailoverEffect): void {
    switch (effect.type) {
      case "cancel-probe":
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        return;
      case "schedule-probe":
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.timer = null;
          this.dispatch({ type: "probe-due" });
        }, this.everyMs);
        this.timer.unref?.();
        return;
      case "probe":
        void this.probeAhead(effect.indices, effect.gen);
        return;
      case "use-route": {
        const route = this.routes[effect.index]!;
        const inUse = routeInUse(this.routes, effect.index);
        this.log.info(effect.why === "failed" ? `route failed over to ${routeLabel(route)} (route ${effect.index + 1} of ${this.routes.length})` : `preferred route ${routeLabel(route)} answers again; moving back to it`);
        this.lastKey = "";
        this.chain = this.chain.then(() => this.conn.useRoute(route, inUse)).catch((err: Error) => this.log.warn(`could not switch route: ${err.message}`));
        return;
      }
    }
  }

  /** Connected over a direct route: check the link every LINK_EVERY_MS; anything else: no check. */
  private watchLink(s: ConnectionSnapshot): void {
    if (s.state !== "connected" || s.kind === "ssh") {
      if (this.linkTimer) clearTimeout(this.linkTimer);
      this.linkTimer = null;
      return;
    }
    this.scheduleLinkCheck();
  }

  private scheduleLinkCheck(): void {
    if (this.linkTimer) return;
    this.linkTimer = setTimeout(() => void this.checkLink(), LINK_EVERY_MS);
    this.linkTimer.unref?.();
  }

  private async checkLink(): Promise<void> {
    const session = this.conn.session;
    const generation = session?.snapshot.generation;
    const alive = session ? await session.checkAlive(LINK_TIMEOUT_MS) : true;
    this.linkTimer = null;
    // Only the socket that was checked, and only while it still counts as connected.
    const same = session && this.conn.session === session && session.snapshot.phase === "connected" && session.snapshot.generation === generation;
    if (!same) return;
    if (alive) return this.scheduleLinkCheck();
    this.log.info(`route ${routeLabel(this.routes[this.model.active]!)}: the gateway did not answer within ${LINK_TIMEOUT_MS} ms; the link is taken as dead`);
    const before = this.model.gen;
    this.lastKey = "";
    this.dispatch({ type: "state", state: "reconnecting", reason: "timeout" });
    // No route to move to (all failed in a row): reconnect this one rather than sit on a dead socket.
    if (this.model.gen === before) session.retryNow();
  }

  private async probeAhead(indices: number[], gen: number): Promise<void> {
    let answered: number | null = null;
    for (const i of indices) {
      const ok = await this.probe(specForRoute(this.conn.spec, this.routes[i]!)).catch(() => false);
      if (ok) {
        answered = i;
        break;
      }
    }
    this.dispatch({ type: "probe-result", gen, answered });
  }
}
