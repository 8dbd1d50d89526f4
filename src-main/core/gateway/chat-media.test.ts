// Which chat pictures are fetched and which bytes may be shown (chat-media.ts). The transcript row is
// the real gateway's (an image sent with chat.send's attachments, recorded against the test gateway);
// the hostile answers are what that gateway really served for an SVG or text sent as "image/png".
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkImage, isFetchableSource, mediaRefsOf, mediaUrl, sniffImage } from "./chat-media.js";

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), deflateSync(Buffer.alloc(10))]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const GIF = Buffer.from("GIF89a\x01\x00\x01\x00", "latin1");
const WEBP = Buffer.concat([Buffer.from("RIFF"), Buffer.from([1, 0, 0, 0]), Buffer.from("WEBPVP8 ")]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
const SOURCE = "media://inbound/dot---4a35626a-ab0d-465f-93bc-e2b894b9043f.png";

const userRow = {
  role: "user",
  content: "look at dot.png",
  __openclaw: {
    media: [
      { url: SOURCE, contentType: "image/png", kind: "image", fileName: "dot.png", sizeBytes: 75 },
      { url: "media://inbound/notes---1.pdf", contentType: "application/pdf", kind: "document", fileName: "notes.pdf", sizeBytes: 9 },
      { url: "/etc/passwd", contentType: "image/png", kind: "image" },
    ],
    mediaImageLayout: { slots: [{ kind: "offloaded", factIndex: 0 }] },
  },
};

describe("chat pictures: which are fetched", () => {
  it("a row's image media become references; documents and anything outside media://inbound/ do not", () => {
    expect(mediaRefsOf(userRow)).toEqual([{ source: SOURCE, fileName: "dot.png", mimeType: "image/png", sizeBytes: 75 }]);
    expect(mediaRefsOf({ role: "assistant", content: [{ type: "text", text: "hi" }] })).toEqual([]);
  });

  it("only the gateway's own inbound files: no path, URL, other scheme or traversal", () => {
    expect(isFetchableSource(SOURCE)).toBe(true);
    for (const bad of ["/etc/passwd", "file:///etc/passwd", "http://evil.example/x.png", "media://outbound/x.png", "media://inbound/../../etc/passwd", "media://inbound/a/b.png", "media://inbound/x.png?source=/etc/passwd", "media://inbound/.hidden", "media://inbound/"]) {
      expect(isFetchableSource(bad), bad).toBe(false);
    }
  });

  it("the route sits under the connection's base, path prefix kept, every parameter encoded", () => {
    expect(mediaUrl("http://127.0.0.1:18789/", SOURCE, "agent:main:main", "main")).toBe(
      "http://127.0.0.1:18789/__openclaw__/assistant-media?source=media%3A%2F%2Finbound%2Fdot---4a35626a-ab0d-465f-93bc-e2b894b9043f.png&sessionKey=agent%3Amain%3Amain&agentId=main",
    );
    expect(mediaUrl("https://gw.example/openclaw", SOURCE, "k", null)).toMatch(/^https:\/\/gw\.example\/openclaw\/__openclaw__\/assistant-media\?source=.*&sessionKey=k$/);
  });
});

describe("chat pictures: which bytes are shown", () => {
  it("each allow-listed raster type is known by its own signature", () => {
    expect([PNG, JPEG, GIF, WEBP, SVG, Buffer.from("text")].map((b) => sniffImage(b))).toEqual(["image/png", "image/jpeg", "image/gif", "image/webp", null, null]);
  });

  it("a PNG served as image/png becomes a data: URL of exactly those bytes", () => {
    const r = checkImage({ status: 200, contentType: "image/png", bytes: PNG });
    expect(r).toEqual({ ok: true, mimeType: "image/png", dataUrl: `data:image/png;base64,${PNG.toString("base64")}` });
  });

  it("an SVG is refused, whether it says so or claims to be a PNG", () => {
    expect(checkImage({ status: 200, contentType: "image/svg+xml", bytes: SVG })).toEqual({ ok: false, problem: expect.stringMatching(/^it is an SVG drawing/) });
    expect(checkImage({ status: 200, contentType: "image/png", bytes: SVG })).toEqual({ ok: false, problem: "its bytes are not a PNG picture" });
  });

  it("text sent as image/png, a JPEG served as PNG, an empty body and a non-image type are refused", () => {
    expect(checkImage({ status: 200, contentType: "image/png", bytes: Buffer.from("this is not an image at all, just text") })).toMatchObject({ ok: false, problem: "its bytes are not a PNG picture" });
    expect(checkImage({ status: 200, contentType: "image/png; charset=binary", bytes: JPEG })).toMatchObject({ ok: false, problem: "its bytes are not a PNG picture" });
    expect(checkImage({ status: 200, contentType: "image/png", bytes: new Uint8Array() })).toMatchObject({ ok: false, problem: "it is empty" });
    expect(checkImage({ status: 200, contentType: "text/html", bytes: PNG })).toMatchObject({ ok: false, problem: expect.stringMatching(/^it is of type text\/html/) });
    expect(checkImage({ status: 200, contentType: null, bytes: PNG })).toMatchObject({ ok: false, problem: expect.stringMatching(/^it is of no stated type/) });
  });

  it("over the cap is refused; refusals by the gateway say which", () => {
    expect(checkImage({ status: 200, contentType: "image/png", bytes: Buffer.concat([PNG, Buffer.alloc(100)]), cap: 50 })).toMatchObject({ ok: false, problem: "it is larger than 0 MB" });
    expect(checkImage({ status: 401, contentType: "application/json", bytes: new Uint8Array() })).toMatchObject({ problem: expect.stringMatching(/refused this connection's credentials/) });
    expect(checkImage({ status: 404, contentType: null, bytes: new Uint8Array() })).toMatchObject({ problem: expect.stringMatching(/no longer has it/) });
    expect(checkImage({ status: 302, contentType: null, bytes: new Uint8Array() })).toMatchObject({ problem: "the gateway answered HTTP 302" });
  });
});
