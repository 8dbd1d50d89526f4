// Waiting quietly for this machine's gateway (issue 12's first run): with no gateway installed or
// started, the "This machine" profile used to sit at "Reconnecting (attempt 38, next in 29 s)" for ever,
// each attempt a full WebSocket try with a log line and two connect steps. Instead, once the reducer
// decides there is no gateway here (connection-state.ts, "await-local"), the supervisor drops the session
// and this watch only asks the kernel whether anything listens on the port: a TCP connect to 127.0.0.1,
// closed at once, every pollMs. Nothing is logged per check and no snapshot changes; the first answer
// is reported once, and the connection starts from the top at once (not after a backoff of up to 30 s).
import { somethingListens } from "../local/local-listener-check.js";

export interface LocalWaitOptions {
  /** How often to look; 1 s keeps "connected as soon as it starts" true to a person's eye. */
  pollMs?: number;
  /** Tests: whether something listens, without a real port. */
  listening?: (port: number) => Promise<boolean>;
}

export const LOCAL_WAIT_POLL_MS = 1000;

export class LocalWait {
  private timer: NodeJS.Timeout | null = null;
  /** Bumped by every watch() and stop(): a check that was in flight when it changed reports nothing. */
  private round = 0;

  constructor(private readonly o: LocalWaitOptions = {}) {}

  /** Looks every pollMs until something listens on `port`, then calls onAnswer once. Replaces any earlier watch. */
  watch(port: number, onAnswer: () => void): void {
    this.stop();
    const round = ++this.round;
    const check = (this.o.listening ?? somethingListens).bind(null, port);
    const tick = () => {
      this.timer = null;
      void check().then((yes) => {
        if (round !== this.round) return;
        if (yes) onAnswer();
        else this.timer = setTimeout(tick, this.o.pollMs ?? LOCAL_WAIT_POLL_MS);
      });
    };
    this.timer = setTimeout(tick, this.o.pollMs ?? LOCAL_WAIT_POLL_MS);
  }

  stop(): void {
    this.round++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
