// Pictures attached in the message box before Send: read in the renderer (no network; the page's CSP
// allows none) into base64 for the host and a data: URL for the chip's thumbnail. The host decides
// whether this gateway takes them (core/gateway/chat-pictures.ts); here only what the host API cannot
// carry at all is refused, with the same sentence.
import { PICTURE_CARRY_CAP_BYTES, PICTURES_PER_MESSAGE, pictureTooLarge, type ChatPicture } from "../../src-shared/chat-pictures";

export interface AttachedPicture extends ChatPicture {
  id: string;
  /** The chip's thumbnail; only a raster data URL is ever put in an <img> (chat-media-model.ts safeImageSrc). */
  dataUrl: string;
  sizeBytes: number;
}

let next = 0;

function base64Of(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** One picked or pasted file as a chip, or the sentence why it cannot be attached. */
export async function readPicture(file: File, already: number): Promise<AttachedPicture | string> {
  const fileName = file.name || "pasted picture.png";
  if (already >= PICTURES_PER_MESSAGE) return `A message takes up to ${PICTURES_PER_MESSAGE} pictures — send these first.`;
  if (file.size > PICTURE_CARRY_CAP_BYTES) return pictureTooLarge(fileName, file.size, PICTURE_CARRY_CAP_BYTES, "Clawlink");
  const base64 = base64Of(new Uint8Array(await file.arrayBuffer()));
  const type = /^image\/(png|jpeg|gif|webp)$/.test(file.type) ? file.type : "image/png";
  return { id: `pic-${++next}`, fileName, base64, dataUrl: `data:${type};base64,${base64}`, sizeBytes: file.size };
}

/** The image files of a paste or drop (other things pasted are left to the text box). */
export function imageFilesOf(items: DataTransfer | null): File[] {
  if (!items) return [];
  return Array.from(items.files).filter((f) => f.type.startsWith("image/"));
}
