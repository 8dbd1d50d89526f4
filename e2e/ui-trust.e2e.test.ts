// The screens that need a person, in real Chromium against the real `clawlink serve` and real gateways:
// a wrong token → the token settings right in the status view → fixed → connected; pairing required
// (a gateway of our own with autoApproveLocal off) → request id and approve command shown → approved with
// the real openclaw CLI → continues on its own; a wrong TLS pin (a TLS gateway of our own) → expected vs
// observed shown, nothing sent → re-trust after comparing → connected.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { screenshotPath } from "./harness/chromium.js";
import type { ServeRun } from "./harness/clawlink-serve.js";
import { TestGateway } from "./harness/gateway.js";
import { openServedUi } from "./harness/ui-page.js";

const gw = inject("gateway");
const suffix = Date.now().toString(36);

let ui: Awaited<ReturnType<typeof openServedUi>>;
let serve: ServeRun;
let page: Page;
const own: TestGateway[] = [];
let errors: string[] = [];

beforeAll(async () => {
  ui = await openServedUi({ colorScheme: "dark" });
  ({ serve, page, errors } = ui);
  await page.goto(serve.url);
  await page.getByRole("button", { name: "+ Add remote gateway" }).waitFor();
});
afterAll(async () => {
  await ui?.close();
  await Promise.all(own.map((g) => g.stop()));
});

async function addDirect(p: Page, o: { name: string; url: string; token?: string; tlsFingerprint?: string }): Promise<void> {
  await p.getByRole("button", { name: "+ Add remote gateway" }).click();
  await p.getByRole("tab", { name: "URL (ws/wss)" }).click();
  await p.getByLabel("Name").fill(o.name);
  await p.getByLabel("Gateway URL").fill(o.url);
  if (o.tlsFingerprint) await p.getByLabel("TLS fingerprint (SHA-256)").fill(o.tlsFingerprint);
  if (o.token) await p.getByLabel("Gateway token").fill(o.token);
  await p.getByRole("button", { name: "Add gateway" }).click();
  await p.locator(".profile-header h2", { hasText: o.name }).waitFor();
}

const waitHeaderState = (p: Page, state: string, timeoutMs: number) => p.locator(`.profile-header [data-state="${state}"]`).waitFor({ timeout: timeoutMs });

describe("trust and credential screens in real Chromium", () => {
  it("wrong token: needs attention with the token field right there; the right token connects", async () => {
    await addDirect(page, { name: `Wrong token ${suffix}`, url: gw.url, token: "definitely-not-the-gateway-token" });
    await waitHeaderState(page, "needs-attention", 60_000);
    const alert = page.getByRole("alert", { name: "Needs attention" });
    expect(await alert.textContent()).toMatch(/reason: auth-token-mismatch/);
    const field = alert.getByRole("textbox", { name: "Gateway token" });
    await field.waitFor();
    await page.screenshot({ path: screenshotPath("ui-wrong-token") });
    await field.fill(gw.token);
    await alert.getByRole("button", { name: "Save token" }).click();
    await waitHeaderState(page, "connected", 60_000);
    // Shown masked, with the source in use; the value never reaches the page.
    await page.getByRole("tab", { name: "Token & settings" }).click();
    expect(await page.getByTestId("token-stored").first().textContent()).toMatch(/^set/);
    expect(await page.getByTestId("token-source").textContent()).toMatch(/keychain/);
    expect(await page.content()).not.toContain(gw.token);
    await page.screenshot({ path: screenshotPath("ui-token-settings") });
    await page.getByRole("tab", { name: "Status" }).click();
  });

  it("pairing required: request id and approve command shown; approved with the openclaw CLI, it continues by itself", async () => {
    const pairing = new TestGateway({ manualPairing: true });
    own.push(pairing);
    await pairing.start();
    await addDirect(page, { name: `Pairing ${suffix}`, url: pairing.url, token: pairing.token });
    await waitHeaderState(page, "pairing-required", 60_000);
    const box = page.getByRole("status", { name: "Pairing required" });
    const requestId = (await box.getByTestId("pairing-request").textContent())!.trim();
    expect(requestId).toMatch(/^[0-9a-f-]{8,}$/i);
    expect(await box.getByTestId("approve-command").textContent()).toContain(requestId);
    await page.screenshot({ path: screenshotPath("ui-pairing") });
    await pairing.cli(["devices", "approve", requestId]);
    await waitHeaderState(page, "connected", 90_000);
  });

  it("TLS pin mismatch: expected vs observed shown and nothing sent; re-trust after comparing connects", async () => {
    const tls = new TestGateway({ tls: true });
    own.push(tls);
    await tls.start();
    const wrong = "ab".repeat(32);
    await addDirect(page, { name: `Pinned ${suffix}`, url: tls.url, token: tls.token, tlsFingerprint: wrong });
    await waitHeaderState(page, "needs-attention", 60_000);
    const alert = page.getByRole("alert", { name: "Needs attention" });
    const display = (hex: string) => `SHA256 ${hex.toUpperCase().match(/../g)!.join(":")}`;
    expect(await alert.getByTestId("tls-expected").textContent()).toBe(display(wrong));
    expect(await alert.getByTestId("tls-observed").textContent()).toBe(display(tls.tlsSha256!));
    expect(await alert.textContent()).toMatch(/Nothing was sent/);
    await page.screenshot({ path: screenshotPath("ui-tls-mismatch") });

    await alert.getByRole("button", { name: /Re-trust/ }).click();
    const dialog = page.getByRole("dialog", { name: "The certificate changed" });
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.getByTestId("tls-fingerprint").textContent()).toBe(display(tls.tlsSha256!));
    expect(await dialog.textContent()).toContain(display(wrong));
    await page.screenshot({ path: screenshotPath("ui-tls-retrust") });
    await dialog.getByRole("button", { name: "Trust this certificate" }).click();
    await waitHeaderState(page, "connected", 60_000);
    expect(errors).toEqual([]);
  });
});
