// Why this file exists (issue 12, a tray-sized window): which layout the window shows — the compact one
// for a menu-bar/tray popover or the quick-chat window (≈380×640: gateway list with state, inbox count,
// quick actions, the chat) or the full one (sidebar and tabs) — chosen by the window's width, plus what
// the page's address asks for (#quick-chat=<profile id> from the desktop shell's quick-chat window,
// #layout=compact|full to force one). Pure functions, with the one hook that follows the width.
import { useSyncExternalStore } from "react";

export type Layout = "compact" | "full";

/** At or below this width (CSS px) the compact layout is shown; the full one needs its 250 px sidebar
 *  next to a readable chat. */
export const COMPACT_MAX_WIDTH = 560;
export const COMPACT_MEDIA_QUERY = `(max-width: ${COMPACT_MAX_WIDTH}px)`;

export function layoutFor(width: number, forced: Layout | null = null): Layout {
  if (forced) return forced;
  return width <= COMPACT_MAX_WIDTH ? "compact" : "full";
}

export interface AddressRequest {
  /** The gateway the quick-chat window opens on. */
  quickChat: string | null;
  layout: Layout | null;
}

/** Reads `#quick-chat=<id>` and `#layout=compact|full` (either, both, in any order) from a location hash. */
export function addressRequest(hash: string): AddressRequest {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const quick = params.get("quick-chat");
  const layout = params.get("layout");
  return {
    quickChat: quick && quick.length <= 128 ? quick : null,
    layout: layout === "compact" || layout === "full" ? layout : null,
  };
}

function subscribe(onChange: () => void): () => void {
  const mq = globalThis.matchMedia?.(COMPACT_MEDIA_QUERY);
  mq?.addEventListener("change", onChange);
  return () => mq?.removeEventListener("change", onChange);
}

const currentWidth = (): number => (typeof globalThis.innerWidth === "number" ? globalThis.innerWidth : 1280);

/** The layout for this window now, following resizes (a forced one from the address wins). */
export function useLayout(forced: Layout | null): Layout {
  const compact = useSyncExternalStore(subscribe, () => layoutFor(currentWidth()) === "compact");
  return forced ?? (compact ? "compact" : "full");
}
