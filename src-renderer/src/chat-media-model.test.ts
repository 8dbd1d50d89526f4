// The renderer's side of chat pictures (chat-media-model.ts): only a raster data: URL reaches an <img>,
// the placeholder says why, and a picture is asked for once while it stays in the cache. (That the
// markdown keeps dropping every <img> needs a DOM: e2e/ui-chat-live.e2e.test.ts checks it in Chromium.)
import { describe, expect, it } from "vitest";
import { PictureCache, pictureState, placeholderText, safeImageSrc } from "./chat-media-model";

describe("chat pictures in the renderer", () => {
  it("an <img> only ever gets a raster data: URL", () => {
    expect(safeImageSrc("data:image/png;base64,iVBORw0KGgo=")).toBe("data:image/png;base64,iVBORw0KGgo=");
    for (const bad of ["http://127.0.0.1:18789/__openclaw__/assistant-media?source=x", "data:image/svg+xml;base64,PHN2Zz4=", "javascript:alert(1)", "blob:http://x/1", "data:text/html;base64,PGgxPg==", "data:image/png;base64,<script>", null]) {
      expect(safeImageSrc(bad), String(bad)).toBeNull();
    }
  });

  it("a host answer without a picture becomes the placeholder's sentence", () => {
    const p = pictureState({ dataUrl: null, mimeType: null, problem: "its bytes are not a PNG picture" });
    expect(p).toEqual({ state: "not-shown", problem: "its bytes are not a PNG picture" });
    expect(placeholderText({ source: "media://inbound/junk.png", fileName: "junk.png", mimeType: "image/png", sizeBytes: 38 }, "its bytes are not a PNG picture")).toBe("The image junk.png could not be shown: its bytes are not a PNG picture.");
    expect(pictureState(new Error("host lost"))).toEqual({ state: "not-shown", problem: "host lost" });
  });

  it("the cache asks the host once per picture and keeps at most its bound", async () => {
    const cache = new PictureCache(2);
    let calls = 0;
    const load = async () => (calls++, { dataUrl: "data:image/gif;base64,R0lGODlh", mimeType: "image/gif" as const, problem: null });
    await cache.get("a", load);
    await cache.get("a", load);
    expect(calls).toBe(1);
    await cache.get("b", load);
    await cache.get("c", load);
    await cache.get("a", load);
    expect(calls).toBe(4);
  });

});
