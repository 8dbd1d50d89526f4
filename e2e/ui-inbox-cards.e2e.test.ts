// The inbox cards in real Chromium for what the shared test gateway does not raise on demand (issue 11):
// a pairing request from another device, an approval that offers Allow always, a command with invisible
// characters and many lines, a gateway that did not grant operator.pairing, and the answers' refusals
// (already resolved, scope missing) shown on the card instead of thrown. The built renderer gets a
// synthetic host (window.clawlink defined before the page loads) holding exactly that inbox; the real
// gateway path is e2e/ui-inbox.e2e.test.ts.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { screenshotPath } from "./harness/chromium.js";
import { openStaticUi } from "./harness/ui-page.js";

/** Runs in the page before its scripts: a host with no profiles and one inbox across two gateways. */
function syntheticHost(): void {
  const now = Date.now();
  const app = { name: "Clawlink", version: "test", platform: "linux", host: "web", secretStore: "keychain" };
  const base = { connectionId: "home", gatewayName: "Home desktop", createdAt: now };
  const exec = {
    ...base, kind: "exec", id: "ap-1", command: "ls /tmp\u202e; rm -rf ~\nprintf done", cwd: "/home/me/project", host: "node", nodeId: "laptop-node", agentId: "main",
    sessionKey: "agent:main:main", resolvedPath: "/usr/bin/ls", requestedVia: "telegram", warnings: ["The command chains several commands."], allowedDecisions: ["allow-once", "allow-always", "deny"], expiresAt: now + 125_000,
  };
  const pairing = {
    ...base, connectionId: "vps", gatewayName: "VPS", kind: "pairing", id: "req-9", createdAt: now - 1000, deviceId: "d3adb33fcafe0123456789", displayName: "Ana's phone",
    platform: "ios", deviceFamily: "iPhone", clientId: "openclaw-ios", role: "operator", scopes: ["operator.read", "operator.approvals"], remoteIp: "203.0.113.7", isRepair: true,
  };
  const gateways = [
    { connectionId: "home", gatewayName: "Home desktop", live: true, canApprove: true, canPair: false, missingScopes: ["operator.pairing"], problem: null, pending: 1 },
    { connectionId: "vps", gatewayName: "VPS", live: true, canApprove: true, canPair: true, missingScopes: [], problem: null, pending: 1 },
  ];
  const resolved = [{ id: "ap-0", kind: "exec", connectionId: "vps", gatewayName: "VPS", summary: "uptime", decision: "allow-once", by: "Control UI", at: now - 5000 }];
  const ok = async (value: unknown) => ({ ok: true, value });
  const calls: unknown[][] = [];
  const api: Record<string, unknown> = {
    getAppInfo: () => ok(app),
    getState: () => ok({ app, profiles: [], connections: [], statuses: [], prompts: [], notices: [] }),
    listSshHosts: () => ok([]),
    getInbox: () => ok({ items: [exec, pairing], gateways, resolved, seq: 1 }),
    answerExecApproval: (...args: unknown[]) => (calls.push(["exec", ...args]), ok({ kind: "already-resolved", message: "ap-1 was already resolved (deny by Control UI)." })),
    answerPairingRequest: (...args: unknown[]) => (calls.push(["pairing", ...args]), ok({ kind: "scope-missing", scope: "operator.pairing", message: "VPS did not grant operator.pairing to this device." })),
    on: () => () => {},
  };
  (globalThis as Record<string, unknown>).__calls = calls;
  (globalThis as Record<string, unknown>).clawlink = api;
}

describe("inbox cards in real Chromium (synthetic host)", () => {
  it("pairing and exec cards show every fact; refusals are messages on the card; the scope line is visible", async () => {
    const ui = await openStaticUi({ consoleErrors: true });
    try {
      const { page } = ui;
      await page.addInitScript(syntheticHost);
      await page.goto(`${ui.base}/index.html`);
      await page.getByTestId("inbox-nav").click();
      const list = page.getByRole("list", { name: "Waiting for you" });
      expect(await list.locator(":scope > li").count()).toBe(2);
      expect(await page.getByTestId("inbox-nav").textContent()).toMatch(/Inbox\s*2/);

      // The missing scope is said, with what to do.
      const line = page.getByRole("alert").filter({ hasText: "did not grant operator.pairing" });
      expect(await line.textContent()).toContain("Home desktop did not grant operator.pairing (pair and remove devices)");
      expect(await line.textContent()).toContain("openclaw devices approve");

      const exec = page.locator('article[data-kind="exec"]');
      // Every character: the bidi override is shown as a marker, the newline kept, nothing cut.
      expect(await exec.getByTestId("exec-command").textContent()).toBe("ls /tmp⟨U+202E⟩; rm -rf ~\nprintf done");
      await exec.getByText("This command contains invisible characters").waitFor();
      expect(await exec.locator(".inbox-facts").textContent()).toContain("Runs onnode (node laptop-node)");
      expect(await exec.getByRole("list", { name: "Gateway warnings" }).textContent()).toContain("chains several commands");
      expect(await exec.getByTestId("inbox-countdown").textContent()).toMatch(/^Expires in 2:0\d$/);
      await exec.getByRole("button", { name: "Allow always" }).click();
      expect(await exec.getByTestId("inbox-outcome").textContent()).toBe("ap-1 was already resolved (deny by Control UI).");

      const pairing = page.locator('article[data-kind="pairing"]');
      const facts = (await pairing.locator(".inbox-facts").textContent()) ?? "";
      for (const want of ["DeviceAna's phone", "Platformios · iPhone", "Roleoperator", "Remote IP203.0.113.7", "Clientopenclaw-ios"]) expect(facts).toContain(want);
      expect(await pairing.getByText("Paired before: asks again").count()).toBe(1);
      const scopes = await pairing.getByRole("list", { name: "Requested scopes" }).getByRole("listitem").allTextContents();
      expect(scopes).toEqual(["read status and chats operator.read", "approve commands the agent runs operator.approvals"]);
      await page.screenshot({ path: screenshotPath("ui-inbox-cards") });
      // The README picture is refreshed on request only, so a test run leaves the tree clean.
      if (process.env.CLAWLINK_DOC_SCREENSHOTS) await page.screenshot({ path: path.resolve("docs/screenshots/inbox-cards.png"), fullPage: true });
      await pairing.getByRole("button", { name: "Approve" }).click();
      expect(await pairing.getByTestId("inbox-outcome").textContent()).toBe("VPS did not grant operator.pairing to this device.");

      expect(await page.evaluate(() => (globalThis as Record<string, unknown>).__calls)).toEqual([
        ["exec", "home", "ap-1", "allow-always", null],
        ["pairing", "vps", "req-9", "approve"],
      ]);
      // The filter narrows the view to one gateway.
      await page.getByLabel("Gateway", { exact: true }).selectOption("vps");
      expect(await list.locator(":scope > li").count()).toBe(1);
      expect(await page.getByTestId("inbox-resolved").textContent()).toContain("uptime on VPS: Allowed once by Control UI");
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.close();
    }
  });
});
