// Assistant-generated pictures (artifact-image.ts): which image blocks become references, where a
// download link may be fetched from, and the load's order — artifacts.download, the link (or base64),
// one retry on an expired or refused link, cancel on a change of connection. The row and the answer are
// the shapes the real gateway (2026.9.6) produced in e2e/ui-chat-assistant-images.e2e.test.ts.
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ARTIFACT_IMAGE_CAP_BYTES, artifactIdOf, artifactRefsOf, CANCELLED_PROBLEM, gatewayUrl, loadArtifactImage, parseDownload, UNMANAGED_PROBLEM, type ArtifactLoad } from "./artifact-image.js";
import type { MediaAnswer } from "./media-fetch.js";

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), deflateSync(Buffer.alloc(10))]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const ID = "artifact_managed_image_0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
const KEY = "agent:main:dashboard:5b1c";
const ROUTE = `/api/chat/media/outgoing/${encodeURIComponent(KEY)}/0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b/full`;

const assistantRow = {
  role: "assistant",
  content: [
    { type: "text", text: "Here is the picture." },
    { type: "image", artifactId: ID, url: ROUTE, openUrl: ROUTE, alt: "sunset.png", mimeType: "image/png", width: 12, height: 9, sizeBytes: 90 },
    { type: "image", url: "https://example.com/old.png", alt: "old.png", mimeType: "image/png" },
    { type: "image", artifactId: "../../etc/passwd", alt: "odd.png" },
  ],
  __openclaw: { id: "t-1", seq: 4 },
};

describe("generated images: which blocks become references", () => {
  it("an assistant row's image block with an artifactId → artifact:<id> with its alt, type and size; one without → the readable fallback, never a URL", () => {
    expect(artifactRefsOf(assistantRow)).toEqual([
      { source: `artifact:${ID}`, fileName: "sunset.png", mimeType: "image/png", sizeBytes: 90 },
      { source: "unmanaged-image:2", fileName: "old.png", mimeType: "image/png", sizeBytes: null },
      { source: "unmanaged-image:3", fileName: "odd.png", mimeType: null, sizeBytes: null },
    ]);
  });

  it("user and tool rows' image blocks are not the assistant's (inbound pictures come from __openclaw.media)", () => {
    expect(artifactRefsOf({ ...assistantRow, role: "user" })).toEqual([]);
    expect(artifactRefsOf({ ...assistantRow, role: "toolResult" })).toEqual([]);
    expect(artifactRefsOf({ role: "assistant", content: "plain text" })).toEqual([]);
  });

  it("only an artifact id of the gateway's shape is downloadable", () => {
    expect(artifactIdOf(`artifact:${ID}`)).toBe(ID);
    for (const s of ["artifact:", "artifact:../x", "artifact:a b", "artifact:a/b", "artifact:a?b", "media://inbound/x.png", ID]) expect(artifactIdOf(s)).toBeNull();
  });
});

describe("generated images: where a download link may be fetched from", () => {
  it("a gateway-relative link goes under the connection's base, keeping its path prefix and the ticket", () => {
    expect(gatewayUrl("http://127.0.0.1:4100/", `${ROUTE}?mediaTicket=v1.a.b`)).toBe(`http://127.0.0.1:4100${ROUTE}?mediaTicket=v1.a.b`);
    expect(gatewayUrl("https://gw.example:8443/claw/", `${ROUTE}?mediaTicket=t`)).toBe(`https://gw.example:8443/claw${ROUTE}?mediaTicket=t`);
  });

  it("a link to another origin, a protocol-relative one, or another scheme is refused", () => {
    for (const u of ["https://evil.example/x.png", "//evil.example/x.png", "/\\evil.example/x.png", "javascript:alert(1)", "file:///etc/passwd", "x.png"]) expect(gatewayUrl("http://127.0.0.1:4100/", u)).toBeNull();
    expect(gatewayUrl("http://127.0.0.1:4100/", "http://127.0.0.1:4100/api/x")).toBe("http://127.0.0.1:4100/api/x");
  });

  it("the answer is read as a link with its expiry, or base64 data with the artifact's type", () => {
    expect(parseDownload({ artifact: { id: ID, mimeType: "image/png" }, url: `${ROUTE}?mediaTicket=t`, expiresAt: "2026-12-02T18:35:00.000Z" })).toEqual({
      url: `${ROUTE}?mediaTicket=t`,
      expiresAt: Date.parse("2026-12-02T18:35:00.000Z"),
      data: null,
      mimeType: "image/png",
    });
    expect(parseDownload({ artifact: { mimeType: "image/png" }, encoding: "base64", data: "iVBO" })).toMatchObject({ url: null, data: "iVBO" });
    expect(parseDownload({ artifact: { id: ID } })).toBeNull();
  });
});

const ok = (bytes: Buffer, type = "image/png"): MediaAnswer => ({ status: 200, contentType: type, bytes });
const refused: MediaAnswer = { status: 401, contentType: "text/plain", bytes: new Uint8Array() };
const NOW = Date.parse("2026-12-02T18:30:00.000Z");
const link = (n: number, expiresInMs = 300_000) => ({ artifact: { id: ID, mimeType: "image/png" }, url: `${ROUTE}?mediaTicket=t${n}`, expiresAt: new Date(NOW + expiresInMs).toISOString() });

/** A load whose gateway answers come from the lists, recording what was asked. */
function rig(o: { downloads: Array<unknown | Error>; fetches?: Array<MediaAnswer | { failed: string }>; current?: () => boolean }) {
  const asked = { downloads: 0, fetched: [] as string[] };
  const load: ArtifactLoad = {
    download: async () => {
      const next = o.downloads[asked.downloads++];
      if (next instanceof Error) throw next;
      return next;
    },
    fetch: async (url) => {
      asked.fetched.push(url);
      return o.fetches?.[asked.fetched.length - 1] ?? { failed: "no answer scripted" };
    },
    resolve: (url) => gatewayUrl("http://127.0.0.1:4100/", url),
    current: o.current ?? (() => true),
    now: () => NOW,
  };
  return { load, asked };
}

describe("generated images: loading one", () => {
  it("artifacts.download's link is fetched from the gateway and the PNG shown", async () => {
    const { load, asked } = rig({ downloads: [link(1)], fetches: [ok(PNG)] });
    const r = await loadArtifactImage(load);
    expect(r).toMatchObject({ ok: true, mimeType: "image/png" });
    expect(asked).toEqual({ downloads: 1, fetched: [`http://127.0.0.1:4100${ROUTE}?mediaTicket=t1`] });
  });

  it("a refused (expired) link → artifacts.download once more, and the fresh link is used", async () => {
    const { load, asked } = rig({ downloads: [link(1), link(2)], fetches: [refused, ok(PNG)] });
    expect((await loadArtifactImage(load)).ok).toBe(true);
    expect(asked.downloads).toBe(2);
    expect(asked.fetched.map((u) => u.slice(-2))).toEqual(["t1", "t2"]);
  });

  it("refused twice → the placeholder's sentence, and no third download", async () => {
    const { load, asked } = rig({ downloads: [link(1), link(2), link(3)], fetches: [refused, refused, ok(PNG)] });
    expect(await loadArtifactImage(load)).toEqual({ ok: false, problem: "the gateway refused its download link twice (expired or revoked)" });
    expect(asked.downloads).toBe(2);
  });

  it("a link already past its expiresAt is not fetched; a fresh one is asked for", async () => {
    const { load, asked } = rig({ downloads: [link(1, -1), link(2)], fetches: [ok(PNG)] });
    expect((await loadArtifactImage(load)).ok).toBe(true);
    expect(asked.fetched.map((u) => u.slice(-2))).toEqual(["t2"]);
    const again = rig({ downloads: [link(1, -1), link(2, -1)] });
    expect(await loadArtifactImage(again.load)).toEqual({ ok: false, problem: "its download link had expired again" });
    expect(again.asked.fetched).toEqual([]);
  });

  it("base64 over the socket is shown when its bytes are the artifact's type; an SVG or an oversize one is refused", async () => {
    const b64 = (bytes: Buffer, mimeType: string) => ({ artifact: { id: ID, mimeType }, encoding: "base64", data: bytes.toString("base64") });
    expect(await loadArtifactImage(rig({ downloads: [b64(PNG, "image/png")] }).load)).toMatchObject({ ok: true, dataUrl: `data:image/png;base64,${PNG.toString("base64")}` });
    expect(await loadArtifactImage(rig({ downloads: [b64(SVG, "image/svg+xml")] }).load)).toMatchObject({ ok: false, problem: expect.stringContaining("SVG") });
    expect(await loadArtifactImage(rig({ downloads: [b64(SVG, "image/png")] }).load)).toEqual({ ok: false, problem: "its bytes are not a PNG picture" });
    const big = { ...b64(PNG, "image/png"), data: "A".repeat(Math.ceil((ARTIFACT_IMAGE_CAP_BYTES * 4) / 3) + 8) };
    expect(await loadArtifactImage(rig({ downloads: [big] }).load)).toEqual({ ok: false, problem: "it is larger than 12 MB" });
  });

  it("a fetched body over 12 MiB, or a gateway that no longer has the artifact, gets its sentence", async () => {
    const over = { status: 200, contentType: "image/png", bytes: new Uint8Array(ARTIFACT_IMAGE_CAP_BYTES + 1) };
    expect(await loadArtifactImage(rig({ downloads: [link(1)], fetches: [over] }).load)).toEqual({ ok: false, problem: "it is larger than 12 MB" });
    // The gateway's refusal (@openclaw/gateway-client's request error: INVALID_REQUEST with details.type).
    const notFound = Object.assign(new Error("artifact not found"), { code: "INVALID_REQUEST", details: { type: "artifact_not_found", artifactId: ID } });
    expect(await loadArtifactImage(rig({ downloads: [notFound] }).load)).toEqual({ ok: false, problem: "the gateway no longer has it" });
    expect(await loadArtifactImage(rig({ downloads: [new Error("scope missing")] }).load)).toEqual({ ok: false, problem: "the gateway would not hand it out (scope missing)" });
    expect(await loadArtifactImage(rig({ downloads: [link(1)], fetches: [{ status: 404, contentType: "text/plain", bytes: new Uint8Array() }] }).load)).toEqual({
      ok: false,
      problem: "the gateway no longer has it, or this session may not read it",
    });
  });

  it("a link pointing off the gateway is never fetched", async () => {
    const { load, asked } = rig({ downloads: [{ artifact: { id: ID }, url: "https://evil.example/x.png" }] });
    expect(await loadArtifactImage(load)).toEqual({ ok: false, problem: "the gateway's download link points somewhere other than this gateway" });
    expect(asked.fetched).toEqual([]);
  });

  it("a reconnect or route change while loading cancels: nothing is fetched on, nothing shown", async () => {
    let live = true;
    const a = rig({ downloads: [link(1)], fetches: [ok(PNG)], current: () => live });
    const download = a.load.download;
    a.load.download = async () => {
      const r = await download();
      live = false;
      return r;
    };
    expect(await loadArtifactImage(a.load)).toEqual({ ok: false, problem: CANCELLED_PROBLEM });
    expect(a.asked.fetched).toEqual([]);
    live = true;
    const b = rig({ downloads: [link(1)], fetches: [ok(PNG)], current: () => live });
    const fetch = b.load.fetch;
    b.load.fetch = async (u) => {
      const r = await fetch(u);
      live = false;
      return r;
    };
    expect(await loadArtifactImage(b.load)).toEqual({ ok: false, problem: CANCELLED_PROBLEM });
  });

  it("the fallback sentence says why an image block without an artifact id is not fetched", () => {
    expect(UNMANAGED_PROBLEM).toContain("does not send this gateway's shared credential");
  });
});
