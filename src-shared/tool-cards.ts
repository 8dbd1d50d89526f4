// Tool cards merged by id, the same for the host (history rows) and the renderer (live events).
import type { ToolCard } from "./chat-schema.js";

/** Upserts a card into a list by id: a later event replaces what it knows, keeping the arguments it was started with. */
export function upsertCard(cards: readonly ToolCard[], card: ToolCard): ToolCard[] {
  const i = cards.findIndex((c) => c.id === card.id);
  if (i < 0) return [...cards, card];
  const prev = cards[i]!;
  const next: ToolCard = { ...prev, ...card, args: card.args || prev.args, result: card.result ?? prev.result };
  return cards.map((c, j) => (j === i ? next : c));
}
