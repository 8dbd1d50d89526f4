// The runner of the chat's session list (core/gateway/session-roster.ts): once the UI reads a profile's
// session list (listChatSessions), that profile's connection subscribes to the gateway's session events
// (`sessions.subscribe`, again on every new connection) and each change goes to the UI as one
// `chatSessions` host event holding the whole list. Requests go through the connection's GatewaySession;
// each connected attempt gets its own roster generation, so a late answer or event of a replaced
// connection (a new tunnel makes a new GatewaySession whose own generations start again) is dropped.
import type { GatewaySession, GatewaySessionEvent } from "../gateway/gateway-session.js";
import type { Logger } from "../log/logger.js";
import type { Orchestrator } from "../orchestrator/orchestrator.js";
import { initialRoster, reduceRoster, ROSTER_LIST_PARAMS, type RosterEffect, type RosterEvent, type RosterModel } from "../gateway/session-roster.js";
import type { EmitHostEvent } from "./host-events.js";

interface Followed {
  model: RosterModel;
  /** The GatewaySession and its attempt the current generation was counted for. */
  session: GatewaySession | null;
  attempt: number | null;
}

export class SessionRosterFollower {
  private readonly followed = new Map<string, Followed>();
  private generations = 0;

  constructor(
    private readonly orchestrator: Orchestrator,
    private readonly emit: EmitHostEvent,
    private readonly log: Logger,
  ) {}

  /** The UI reads this profile's session list: follow it from now on (subscribing now if connected). */
  follow(id: string): void {
    if (!this.followed.has(id)) this.followed.set(id, { model: initialRoster(), session: null, attempt: null });
    this.syncConnection(id);
  }

  /** The profile is gone: stop following it. */
  forget(id: string): void {
    this.followed.delete(id);
  }

  onSessionEvent(id: string, e: GatewaySessionEvent): void {
    const f = this.followed.get(id);
    if (!f) return;
    if (e.type === "state") return this.syncConnection(id);
    if (e.type !== "gateway-event" || e.event !== "sessions.changed") return;
    // Only the live session's events reach here (the supervisor drops a replaced session's), but a new
    // attempt of the same session must have been counted first.
    this.syncConnection(id);
    const generation = f.model.generation;
    if (generation !== null) this.dispatch(id, { type: "changed", generation, payload: e.payload });
  }

  /** A new connected attempt → a new generation (and a new subscription); not connected → disconnected. */
  private syncConnection(id: string): void {
    const f = this.followed.get(id);
    if (!f) return;
    const session = this.orchestrator.get(id)?.session ?? null;
    const connected = session !== null && session.snapshot.phase === "connected";
    if (!connected) {
      if (f.model.generation !== null) this.dispatch(id, { type: "disconnected" });
      f.session = null;
      f.attempt = null;
      return;
    }
    if (f.session === session && f.attempt === session.snapshot.generation && f.model.generation !== null) return;
    f.session = session;
    f.attempt = session.snapshot.generation;
    this.dispatch(id, { type: "connected", generation: ++this.generations });
  }

  private dispatch(id: string, e: RosterEvent): void {
    const f = this.followed.get(id);
    if (!f) return;
    const t = reduceRoster(f.model, e);
    f.model = t.model;
    for (const effect of t.effects) this.run(id, f, effect);
  }

  private run(id: string, f: Followed, effect: RosterEffect): void {
    if (effect.type === "publish") {
      this.emit("chatSessions", { profileId: id, sessions: effect.rows.map((r) => ({ ...r })) });
      return;
    }
    const session = f.session;
    const generation = effect.generation;
    if (!session) return;
    const method = effect.type === "subscribe" ? "sessions.subscribe" : "sessions.list";
    session.request(method, ROSTER_LIST_PARAMS).then(
      (result) => this.dispatch(id, { type: "answered", generation, result }),
      (err: unknown) => {
        this.log.warn(`${method} for ${id} failed`, { error: err });
        this.dispatch(id, { type: "failed", generation });
      },
    );
  }
}
