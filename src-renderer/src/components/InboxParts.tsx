// Why this file exists (issue 11): the pieces both inbox cards (ExecCard, PairingCard) share — answering
// an item through the host with its outcome kept as a message on the card (never thrown), the outcome
// line, the expiry countdown that ticks without being announced, and a definition row.
import { useEffect, useState, type ReactNode } from "react";
import type { InboxAnswerOutcome } from "../../../src-shared/inbox";
import { countdown, outcomeNote, type OutcomeNote } from "../inbox-model";
import { errorText, useStore } from "../store";

type Decision = Parameters<typeof outcomeNote>[1];

/** One answer at a time per card; what it did stays on the card as a note. */
export function useAnswer(): { busy: Decision | null; note: OutcomeNote | null; answer(decision: Decision, call: () => Promise<InboxAnswerOutcome>): Promise<void> } {
  const [busy, setBusy] = useState<Decision | null>(null);
  const [note, setNote] = useState<OutcomeNote | null>(null);
  const notify = useStore((s) => s.notify);
  const answer = async (decision: Decision, call: () => Promise<InboxAnswerOutcome>) => {
    setBusy(decision);
    setNote(null);
    try {
      const outcome = await call();
      const n = outcomeNote(outcome, decision);
      setNote(n);
      // A done item leaves the inbox at once, its card with it: what happened to a deny reason that did
      // not go out must outlive the card.
      if (outcome.kind === "done" && outcome.reason && outcome.reason !== "sent") notify(outcome.reason === "failed" ? "error" : "warn", n.text);
    } catch (e) {
      setNote({ tone: "attention", text: errorText(e) });
    } finally {
      setBusy(null);
    }
  };
  return { busy, note, answer };
}

export function OutcomeLine({ note }: { note: OutcomeNote | null }) {
  if (!note) return null;
  return (
    <p role="status" className={`callout ${note.tone}`} data-testid="inbox-outcome">
      {note.text}
    </p>
  );
}

/** Ticks every second in plain text (not a live region, so screen readers are not told each second);
 *  the exact expiry time is its title and datetime. */
export function Countdown({ expiresAt }: { expiresAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = countdown(expiresAt, now);
  const at = new Date(expiresAt);
  return (
    <span className={`countdown${left === "expired" ? " expired" : ""}`} aria-live="off" title={`Expires at ${at.toLocaleTimeString()}`} data-testid="inbox-countdown">
      {left === "expired" ? (
        "Expired"
      ) : (
        <>
          Expires in <time dateTime={at.toISOString()}>{left}</time>
        </>
      )}
    </span>
  );
}

/** One row of a card's details; nothing when there is no value. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === "") return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
