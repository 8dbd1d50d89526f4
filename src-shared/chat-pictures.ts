// Pictures the user sends with a chat message (issue 12 "send pictures"): what the renderer hands the host
// (the file's name and its bytes as base64, read in the renderer with no network) and the one sentence a
// too-large picture is refused with, shared so the renderer's own ceiling and the host's per-gateway check
// (core/gateway/chat-pictures.ts) word it the same way.

/** The largest picture the host API carries at all (the gateway's own default maxImageBytes is 6 MB; the host checks the connection's value). */
export const PICTURE_CARRY_CAP_BYTES = 8 * 1024 * 1024;
/** Pictures per message. */
export const PICTURES_PER_MESSAGE = 4;

/** One picture as the renderer hands it over (schema: chat-schema.ts ChatPictureSchema; this file stays free of zod, core loads it). */
export interface ChatPicture {
  fileName: string;
  base64: string;
}

/** "6 MB", "9.1 MB", "512 KB": sizes as a person reads them. */
export function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(Math.round(mb * 10) / 10) ? Math.round(mb) : mb.toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The refusal for one picture over a ceiling, saying what to do. */
export function pictureTooLarge(fileName: string, bytes: number, cap: number, who = "this gateway"): string {
  return `${fileName} is ${sizeText(bytes)}; ${who} takes pictures up to ${sizeText(cap)} — make it smaller.`;
}
