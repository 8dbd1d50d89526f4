// Why this file exists (issue 12, accessibility): a modal dialog keeps the keyboard inside it and gives
// focus back when it closes. useModalFocus focuses the dialog's first control (or the one given) on open,
// wraps Tab / Shift+Tab among its focusable elements (keymap.ts trapFocusIndex), and on close returns
// focus to what had it before — or, when that element is gone (the dialog changed the view), to the
// page's main region, so focus never falls to <body>.
import { useEffect, type RefObject } from "react";
import { trapFocusIndex } from "./keymap";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

type El = HTMLElement;

function focusables(root: El): El[] {
  return [...root.querySelectorAll<El>(FOCUSABLE)].filter((e) => !e.closest("[hidden]") && e.getClientRects().length > 0);
}

function restore(previous: Element | null): void {
  // <body> had focus when the dialog opened (the control that led to it was re-rendered away): that is
  // "nowhere" to a keyboard user, so it counts as gone.
  if (previous instanceof HTMLElement && previous.isConnected && previous !== document.body) {
    previous.focus();
    return;
  }
  const main = document.querySelector<El>("main, [role='main']");
  if (main) {
    if (!main.hasAttribute("tabindex")) main.setAttribute("tabindex", "-1");
    main.focus();
  }
}

export function useModalFocus(container: RefObject<El | null>, initial?: RefObject<El | null>): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const previous = document.activeElement;
    (initial?.current ?? focusables(root)[0] ?? root).focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Tab") return;
      const list = focusables(root);
      const next = trapFocusIndex(list.indexOf(document.activeElement as El), list.length, e.shiftKey);
      e.preventDefault();
      if (next !== null) list[next]!.focus();
    };
    root.addEventListener("keydown", onKey);
    return () => {
      root.removeEventListener("keydown", onKey);
      // After React has removed the dialog: the element to return to may be re-rendered in the meantime.
      queueMicrotask(() => restore(previous));
    };
  }, [container, initial]);
}
