// chat.history rows → UI rows with their pictures (chat-history.ts): an assistant's generated image block
// (the real gateway's shape, e2e/ui-chat-assistant-images.e2e.test.ts) and a user's inbound file.
import { describe, expect, it } from "vitest";
import { normalizeHistory } from "./chat-history.js";

const ID = "artifact_managed_image_0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
const ROUTE = "/api/chat/media/outgoing/agent%3Amain%3Adashboard%3A5b1c/0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b/full";

describe("history rows with pictures", () => {
  it("an assistant row keeps its text and gets its generated image as an artifact reference; a user row its inbound file", () => {
    const rows = normalizeHistory(
      [
        { role: "user", content: "look", __openclaw: { id: "u1", media: [{ url: "media://inbound/dot---1.png", contentType: "image/png", kind: "image", fileName: "dot.png", sizeBytes: 75 }] } },
        {
          role: "assistant",
          content: [
            { type: "text", text: "Here is the picture." },
            { type: "image", artifactId: ID, url: ROUTE, openUrl: ROUTE, alt: "sunset.png", mimeType: "image/png", width: 12, height: 9, sizeBytes: 90 },
          ],
          __openclaw: { id: "a1" },
        },
      ],
      () => null,
    );
    expect(rows.map((r) => [r.role, r.text, r.media])).toEqual([
      ["user", "look", [{ source: "media://inbound/dot---1.png", fileName: "dot.png", mimeType: "image/png", sizeBytes: 75 }]],
      ["assistant", "Here is the picture.", [{ source: `artifact:${ID}`, fileName: "sunset.png", mimeType: "image/png", sizeBytes: 90 }]],
    ]);
  });
});
