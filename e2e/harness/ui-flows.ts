// Steps the UI specs share (issues 11 and 12): add a URL gateway through the add form; open its chat in the
// served UI (the chat specs' set-up, next to a client of the test's own on the same gateway); raise a real
// exec approval on the run's gateway. The approval comes from a chat turn of the test's own gateway
// client (the fake model's [[exec:CMD]] marker; the test gateway's exec policy is ask=always, so the real
// gateway raises exec.approval.requested), each in a fresh session key so no other spec's session is
// disturbed; the same client reads the gateway's own record of the decision (exec.approval.get).
import { randomBytes } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { GatewaySession } from "../../src-main/core/gateway/gateway-session.js";
import { MemorySecretStore } from "../../src-main/core/secrets/secret-store.js";
import { waitForState } from "./session-helpers.js";
import { openServedUi } from "./ui-page.js";

export const tag = (): string => randomBytes(4).toString("hex");

/** Adds a URL gateway with the mouse (the keyboard spec does this by keys) and waits until it is connected. */
export async function addUrlGateway(page: Page, o: { name: string; url: string; token: string }): Promise<void> {
  await page.getByRole("button", { name: "+ Add remote gateway" }).click();
  await page.getByRole("tab", { name: "URL (ws/wss)" }).click();
  await page.getByLabel("Name").fill(o.name);
  await page.getByLabel("Gateway URL").fill(o.url);
  await page.getByLabel("Gateway token").fill(o.token);
  await page.getByRole("button", { name: "Add gateway" }).click();
  await page.locator(".profile-header h2", { hasText: o.name }).waitFor();
  await page.locator('.profile-header [data-state="connected"]').waitFor({ timeout: 60_000 });
}

/** Until `probe` gives a truthy value (polled every `everyMs`); that value. */
export async function until<T>(probe: () => Promise<T | undefined | null | false>, ms: number, what: string, everyMs = 200): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A client of the test's own on the gateway (its own device identity and WebSocket, like another app), connected. */
/** Waits until an <img> in the page has decoded (its `complete` is true), so what is read from it next
 * (size, src) is the picture the user sees. */
export async function untilDecoded(img: Locator, what: string, everyMs = 200): Promise<void> {
  await until(async () => (await img.evaluate((el) => (el as unknown as { complete: boolean }).complete)) || null, 10_000, `${what} to decode`, everyMs);
}

export async function testClient(gw: { url: string; token: string }, keyPrefix: string, target: string): Promise<GatewaySession> {
  const session = new GatewaySession({ url: gw.url, gatewayKey: `${keyPrefix}-${tag()}`, target, token: { value: gw.token, source: "test" }, secrets: new MemorySecretStore() });
  await session.start();
  await waitForState(session, (x) => x.phase === "connected", 60_000, `the ${target} connected`);
  return session;
}

/** The served UI with a URL gateway added (connected) and its chat open, the message box shown.
 *  `requests`, when given, collects every URL the page requests from its first navigation on. */
export async function openChatOnUrlGateway(o: { name: string; gw: { url: string; token: string }; requests?: string[] }) {
  const ui = await openServedUi({ consoleErrors: true });
  const page = ui.page;
  const requests = o.requests;
  if (requests) page.on("request", (r) => requests.push(r.url()));
  try {
    await page.goto(ui.serve.url);
    await addUrlGateway(page, { name: o.name, url: o.gw.url, token: o.gw.token });
    await page.getByRole("tab", { name: "Chat" }).click();
    await page.getByRole("textbox", { name: "Message" }).waitFor({ timeout: 30_000 });
  } catch (e) {
    // The spec never gets `ui` to close in its afterAll: close Chromium and the serve process here.
    await ui.close().catch(() => undefined);
    throw e;
  }
  return { ui, page };
}

/** The test's own client of a gateway: asks for exec approvals and reads the gateway's record. */
export class ExecRequester {
  private constructor(readonly session: GatewaySession) {}

  static async start(gw: { url: string; token: string }, label: string): Promise<ExecRequester> {
    const session = new GatewaySession({ url: gw.url, gatewayKey: `${label}-${tag()}`, target: `${label} requester`, token: { value: gw.token, source: "test" }, secrets: new MemorySecretStore() });
    await session.start();
    await waitForState(session, (x) => x.phase === "connected", 60_000, `the ${label} requester connected`);
    return new ExecRequester(session);
  }

  /** Sends `please [[exec:command]]` in a fresh session; resolves with the session key. */
  request(command: string, label = "ui"): string {
    const sessionKey = `agent:main:${label}-${tag()}`;
    this.session.send(sessionKey, `please [[exec:${command}]]`);
    return sessionKey;
  }

  /** The gateway's own pending list, as the gateway reports it. */
  async pending(): Promise<Array<{ id: string; request?: { command?: string } }>> {
    return (await this.session.request("exec.approval.list", {})) as Array<{ id: string; request?: { command?: string } }>;
  }

  /** Until the gateway's pending list holds `command`; its approval id. */
  async pendingId(command: string, ms = 90_000): Promise<string> {
    const end = Date.now() + ms;
    for (;;) {
      const hit = (await this.pending()).find((a) => JSON.stringify(a).includes(command));
      if (hit) return hit.id;
      if (Date.now() > end) throw new Error(`the gateway lists no approval for ${command} within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The gateway's record of one approval (status, decision). */
  async record(id: string): Promise<{ status: string; decision?: string }> {
    return ((await this.session.request("approval.get", { id })) as { approval: { status: string; decision?: string } }).approval;
  }

  stop(): Promise<void> {
    return this.session.stop();
  }
}
