// One tool call as a compact card (issue 12 "Chat"): name, a one-line view of the arguments and the
// status in the summary; the full (excerpted by the host) arguments and result when expanded. A
// native <details>, so it opens with Enter/Space and says its state to a screen reader.
import type { ToolCard as Card } from "../../../src-shared/chat-schema";

const STATUS: Record<Card["status"], string> = { running: "running…", done: "done", error: "failed" };

export function ToolCard({ card }: { card: Card }) {
  const oneLine = card.args.length > 80 ? `${card.args.slice(0, 79)}…` : card.args;
  return (
    <details className={`tool-card status-${card.status}`} data-tool={card.name} data-tool-status={card.status} data-testid="tool-card">
      <summary>
        <span className="tool-name">{card.name}</span>
        {oneLine ? <code className="tool-args">{oneLine}</code> : null}
        <span className="tool-status">{STATUS[card.status]}</span>
      </summary>
      <div className="tool-body">
        <div className="tool-label">Arguments</div>
        <pre className="tool-pre">{card.args || "(none)"}</pre>
        <div className="tool-label">Result</div>
        <pre className="tool-pre" data-testid="tool-result">
          {card.result ?? (card.status === "running" ? "(waiting)" : "(no output)")}
        </pre>
      </div>
    </details>
  );
}
