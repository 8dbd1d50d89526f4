// Pictures in the chat, the renderer's side (the host fetches and checks them: chatMedia). Pure: which
// URLs an <img> may ever get (a raster data: URL, nothing with a scheme the renderer would fetch), the
// placeholder's words, and a small cache so a picture scrolled out of the virtual list and back is not
// fetched again.
import type { ChatMediaRef, ChatMediaResult } from "../../src-shared/chat-schema";

const SAFE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]*={0,2}$/;

/** Only a checked raster data: URL reaches an <img>; anything else (http:, blob:, SVG, …) is refused here too. */
export function safeImageSrc(dataUrl: string | null | undefined): string | null {
  return typeof dataUrl === "string" && SAFE.test(dataUrl) ? dataUrl : null;
}

export type PictureState = { state: "loading" } | { state: "shown"; src: string } | { state: "not-shown"; problem: string };

export function pictureState(r: ChatMediaResult | Error): PictureState {
  if (r instanceof Error) return { state: "not-shown", problem: r.message };
  const src = safeImageSrc(r.dataUrl);
  return src ? { state: "shown", src } : { state: "not-shown", problem: r.problem ?? "the host did not return a picture" };
}

/** "The image dot.png could not be shown: <why>." */
export function placeholderText(ref: ChatMediaRef, problem: string): string {
  return `The image ${ref.fileName ?? "attached here"} could not be shown: ${problem}.`;
}

/** Last answers by profile + session + source, newest last; bounded so a long scroll does not keep every picture. */
export class PictureCache {
  private readonly entries = new Map<string, Promise<PictureState>>();
  constructor(private readonly max = 64) {}

  get(key: string, load: () => Promise<ChatMediaResult>): Promise<PictureState> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const p = load().then(pictureState, (e: unknown) => pictureState(e instanceof Error ? e : new Error(String(e))));
    this.entries.set(key, p);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }

  /** A failed answer is not kept: the next mount asks again (the connection may be back). */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
