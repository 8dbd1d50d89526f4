// Real error frames from the real gateway, produced with raw `connect` requests, mapped through our
// failure classifier right here (so the mapping is checked against live frames on every run).
// With CLAWLINK_RECORD_FRAMES=1 the frames are also written to src-main/core/gateway/fixtures/
// recorded-frames.json, which the unit tests replay.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { afterAll, describe, expect, inject, it } from "vitest";
import { buildDeviceAuthPayloadV3, GatewayClientRequestError } from "@openclaw/gateway-client";
import { failureFromClose, failureFromError } from "../src-main/core/gateway/failure.js";
import { generateDeviceKeyPair, publicKeyRawBase64UrlFromPem, signDevicePayload } from "../src-main/core/identity/ed25519.js";

export interface RecordedFrame {
  name: string;
  response: { ok: boolean; error?: { code: string; message: string; details?: unknown; retryable?: boolean; retryAfterMs?: number } };
  close: { code: number; reason: string };
  expectedKind: string;
}

const recorded: RecordedFrame[] = [];
const FIXTURE = path.resolve("src-main/core/gateway/fixtures/recorded-frames.json");

interface ConnectOpts {
  token?: string;
  protocol?: number;
  badSignature?: boolean;
}

function rawConnect(url: string, o: ConnectOpts): Promise<{ response: RecordedFrame["response"]; close: RecordedFrame["close"] }> {
  const id = generateDeviceKeyPair();
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let response: RecordedFrame["response"] | null = null;
    const timer = setTimeout(() => reject(new Error("raw connect timed out")), 20_000);
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as { type: string; event?: string; payload?: { nonce: string; ts: number }; id?: string; ok?: boolean; error?: RecordedFrame["response"]["error"] };
      if (frame.type === "event" && frame.event === "connect.challenge") {
        const scopes = ["operator.read"];
        const client = { id: "openclaw-linux", version: "0.0.0-frames", platform: "linux", mode: "ui", deviceFamily: "Desktop" };
        const payload = buildDeviceAuthPayloadV3({
          deviceId: id.deviceId, clientId: client.id, clientMode: client.mode, role: "operator", scopes,
          signedAtMs: frame.payload!.ts, token: o.token ?? null, nonce: frame.payload!.nonce, platform: "linux", deviceFamily: "Desktop",
        });
        const protocol = o.protocol ?? 4;
        ws.send(JSON.stringify({
          type: "req", id: randomUUID(), method: "connect",
          params: {
            minProtocol: protocol, maxProtocol: protocol, client, role: "operator", scopes, caps: [],
            ...(o.token ? { auth: { token: o.token } } : {}),
            device: {
              id: id.deviceId, publicKey: publicKeyRawBase64UrlFromPem(id.publicKeyPem),
              signature: o.badSignature ? signDevicePayload(id.privateKeyPem, payload + "tampered") : signDevicePayload(id.privateKeyPem, payload),
              signedAt: frame.payload!.ts, nonce: frame.payload!.nonce,
            },
          },
        }));
      } else if (frame.type === "res") {
        response = { ok: Boolean(frame.ok), ...(frame.error ? { error: frame.error } : {}) };
      }
    });
    ws.on("close", (code, reason) => {
      clearTimeout(timer);
      if (!response) return reject(new Error(`closed ${code} before any response`));
      resolve({ response, close: { code, reason: reason.toString() } });
    });
    ws.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

afterAll(() => {
  if (process.env.CLAWLINK_RECORD_FRAMES === "1" && recorded.length > 0) {
    fs.mkdirSync(path.dirname(FIXTURE), { recursive: true });
    fs.writeFileSync(FIXTURE, JSON.stringify(recorded, null, 2) + "\n");
  }
});

describe("real error frames map to the right failure kinds", () => {
  const gw = inject("gateway");
  const cases: Array<[string, ConnectOpts, string]> = [
    ["wrong-token", { token: "definitely-not-the-token-0123456789" }, "auth-token-mismatch"],
    ["missing-token", {}, "auth-token-missing"],
    ["protocol-mismatch", { token: gw.token, protocol: 3 }, "protocol-mismatch"],
    ["bad-signature", { token: gw.token, badSignature: true }, "device-auth"],
  ];
  for (const [name, opts, kind] of cases) {
    it(name, async () => {
      const { response, close } = await rawConnect(gw.url, opts);
      expect(response.ok).toBe(false);
      const failure = failureFromError(new GatewayClientRequestError(response.error!));
      expect(failure.kind).toBe(kind);
      // The close code agrees with the classification: policy (1008) or protocol (1002) rejections.
      expect([1008, 1002]).toContain(close.code);
      expect(failureFromClose(close.code, close.reason).kind).toBe("closed");
      const redacted = JSON.parse(JSON.stringify({ response, close }).replaceAll(gw.token, "<token>")) as Pick<RecordedFrame, "response" | "close">;
      recorded.push({ name, ...redacted, expectedKind: kind });
    });
  }
});
