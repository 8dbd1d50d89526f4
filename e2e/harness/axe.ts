// Why this file exists (issue 12, accessibility): axe-core run inside real Chromium on whatever the page
// shows now. The library's source is evaluated in the page through playwright-core (CDP, so the page's
// CSP, which allows no inline script, does not stop it) and axe.run checks the whole document against
// WCAG 2.x A/AA and best practices. What comes back is each violation with its impact and the elements,
// so a failing spec names the rule and the selector to fix.
import fs from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  nodes: string[];
}

// Page-side types (the e2e tsconfig has no DOM lib).
declare const window: { axe?: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: AxeViolation["impact"]; help: string; nodes: Array<{ target: unknown[] }> }> }> } };
declare const document: unknown;

/** Every axe violation on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await window.axe!.run(document, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.map(String).join(" ")) }));
  });
}

/** The serious and critical ones — what the issue allows none of. */
export const blocking = (vs: AxeViolation[]): AxeViolation[] => vs.filter((v) => v.impact === "serious" || v.impact === "critical");

/** One line per violation, for the record of a run and for a failure message. */
export const describeViolations = (vs: AxeViolation[]): string => vs.map((v) => `${v.impact ?? "?"} ${v.id}: ${v.help} — ${v.nodes.slice(0, 4).join(", ")}`).join("\n");
