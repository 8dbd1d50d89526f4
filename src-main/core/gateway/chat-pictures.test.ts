// The check before a picture is sent: type by its own bytes, size against this connection's
// maxImageBytes, the whole frame against maxPayload; each refusal is the sentence the user sees.
import { describe, expect, it } from "vitest";
import { checkPictures, uploadPolicyOf } from "./chat-pictures.js";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const MB = 1024 * 1024;
const pic = (fileName: string, bytes: Buffer) => ({ fileName, base64: bytes.toString("base64") });
const policy = { maxPayload: 25 * MB, maxImageBytes: 6 * MB };

describe("checkPictures", () => {
  it("a PNG and a JPEG become chat.send attachments typed by their bytes, content as base64", () => {
    const r = checkPictures([pic("a.png", PNG), pic("b.jpg", JPEG)], policy, "hi");
    expect(r).toEqual({
      ok: true,
      attachments: [
        { type: "image", mimeType: "image/png", fileName: "a.png", content: PNG.toString("base64") },
        { type: "image", mimeType: "image/jpeg", fileName: "b.jpg", content: JPEG.toString("base64") },
      ],
    });
  });

  it("a picture over this gateway's maxImageBytes is refused with its size, the limit and what to do", () => {
    const big = Buffer.concat([PNG, Buffer.alloc(Math.round(9.1 * MB) - PNG.length)]);
    expect(checkPictures([pic("picture.png", big)], policy, "")).toEqual({ ok: false, problem: "picture.png is 9.1 MB; this gateway takes pictures up to 6 MB — make it smaller." });
  });

  it("the gateway's own smaller maxImageBytes is the one that counts", () => {
    const r = checkPictures([pic("p.png", Buffer.concat([PNG, Buffer.alloc(2 * MB)]))], { maxPayload: null, maxImageBytes: 1 * MB }, "");
    expect(r).toEqual({ ok: false, problem: "p.png is 2 MB; this gateway takes pictures up to 1 MB — make it smaller." });
  });

  it("a gateway that states no maxImageBytes gets the 6 MB default", () => {
    const r = checkPictures([pic("p.png", Buffer.concat([PNG, Buffer.alloc(7 * MB)]))], { maxPayload: null, maxImageBytes: null }, "");
    expect(r.ok ? "" : r.problem).toBe("p.png is 7 MB; this gateway takes pictures up to 6 MB — make it smaller.");
  });

  it("a file that is not a raster picture by its bytes is refused whatever its name (text, SVG)", () => {
    expect(checkPictures([pic("notes.png", Buffer.from("hello, not a picture"))], policy, "")).toEqual({ ok: false, problem: "notes.png is not a PNG, JPEG, GIF or WebP picture — only those can be sent." });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>');
    expect(checkPictures([pic("d.png", svg)], policy, "").ok).toBe(false);
  });

  it("pictures that fit one by one but not together in maxPayload are refused as a message", () => {
    const one = Buffer.concat([PNG, Buffer.alloc(1 * MB)]);
    const r = checkPictures([pic("a.png", one), pic("b.png", one)], { maxPayload: 2 * MB, maxImageBytes: 6 * MB }, "two");
    expect(r).toEqual({ ok: false, problem: "These pictures make a 2.7 MB message; this gateway takes messages up to 2 MB — send fewer or smaller pictures." });
    expect(checkPictures([pic("a.png", one)], { maxPayload: 2 * MB, maxImageBytes: 6 * MB }, "one").ok).toBe(true);
  });

  it("an empty file is refused", () => {
    expect(checkPictures([{ fileName: "e.png", base64: "" }], policy, "")).toEqual({ ok: false, problem: "e.png is empty — pick another picture." });
  });
});

describe("uploadPolicyOf", () => {
  it("reads policy.maxPayload and policy.attachments.maxImageBytes from hello-ok; an older gateway without them gives nulls", () => {
    expect(uploadPolicyOf({ policy: { maxPayload: 26214400, maxBufferedBytes: 1, tickIntervalMs: 1, attachments: { maxBytes: 20971520, maxImageBytes: 6291456 } } })).toEqual({ maxPayload: 26214400, maxImageBytes: 6291456 });
    expect(uploadPolicyOf({ policy: { maxPayload: 1000 } })).toEqual({ maxPayload: 1000, maxImageBytes: null });
    expect(uploadPolicyOf({})).toEqual({ maxPayload: null, maxImageBytes: null });
  });
});
