// Why this file exists (issue 12, accessibility): one ARIA tabs pattern for every tab strip — role tab
// with aria-selected and aria-controls, a roving tabindex (only the selected tab is in the Tab order),
// Left/Right (wrapping) and Home/End move and select (keymap.ts tabKeyTarget), and the panel labelled by
// its tab.
import { useRef, type ReactNode } from "react";
import { tabKeyTarget } from "../keymap";

export interface TabSpec<T extends string> {
  id: T;
  label: ReactNode;
}

export const tabId = (prefix: string, id: string): string => `${prefix}-tab-${id}`;
export const panelId = (prefix: string, id: string): string => `${prefix}-panel-${id}`;

export function TabList<T extends string>(props: { prefix: string; label: string; tabs: ReadonlyArray<TabSpec<T>>; active: T; onSelect: (id: T) => void; className?: string }) {
  const { prefix, tabs, active, onSelect } = props;
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === active);
    const next = tabKeyTarget(e.key, i < 0 ? 0 : i, tabs.length);
    if (next === null) return;
    e.preventDefault();
    onSelect(tabs[next]!.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(prefix, tabs[next]!.id))}`)?.focus();
  };
  return (
    <div role="tablist" className={props.className ?? "tabs"} aria-label={props.label} ref={list} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={tabId(prefix, t.id)}
          aria-selected={t.id === active}
          aria-controls={panelId(prefix, t.id)}
          tabIndex={t.id === active ? 0 : -1}
          className={t.id === active ? "tab active" : "tab"}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** The panel of the selected tab (only it is rendered), focusable so a keyboard user can reach its text. */
export function TabPanel(props: { prefix: string; active: string; className?: string; children: ReactNode }) {
  return (
    <section role="tabpanel" id={panelId(props.prefix, props.active)} aria-labelledby={tabId(props.prefix, props.active)} className={props.className} tabIndex={0}>
      {props.children}
    </section>
  );
}
