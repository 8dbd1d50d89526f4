// Pictures the user sends with a message (issue 12 "send pictures"), checked before anything goes out:
// only PNG, JPEG, GIF or WebP by their own bytes (the name or a stated type proves nothing), each no larger
// than this connection's hello-ok policy.attachments.maxImageBytes, and the whole chat.send frame within
// policy.maxPayload (docs/gateway/protocol/handshake.md "Validating before send": per-file decoded size,
// then the serialised request's encoded size; the values are a per-connection snapshot). The result is
// chat.send's attachment envelope as the gateway's schema has it (ChatAttachmentSchema: type, mimeType,
// fileName, content as base64), the shape the real gateway was seen to accept (issue-12-images-sessions.md).
import type { ChatPicture } from "../../../src-shared/chat-pictures.js";
import { pictureTooLarge, sizeText } from "../../../src-shared/chat-pictures.js";
import { IMAGE_CAP_BYTES, sniffImage, type ImageType } from "./chat-media.js";

export interface ChatAttachment {
  type: "image";
  mimeType: ImageType;
  fileName: string;
  content: string;
}

/** What the connection's hello-ok said (null fields: an older gateway that did not say). */
export interface UploadPolicy {
  maxPayload: number | null;
  maxImageBytes: number | null;
}

export type PictureCheck = { ok: true; attachments: ChatAttachment[] } | { ok: false; problem: string };

/** Room left in the frame for the envelope around the attachments (the request frame's other fields). */
const FRAME_OVERHEAD = 1024;

/** The policy part of a hello-ok, read defensively (the field is optional, older gateways omit it). */
export function uploadPolicyOf(hello: unknown): UploadPolicy {
  const policy = hello && typeof hello === "object" ? (hello as { policy?: Record<string, unknown> }).policy : undefined;
  const att = policy?.attachments as Record<string, unknown> | undefined;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : null);
  return { maxPayload: num(policy?.maxPayload), maxImageBytes: num(att?.maxImageBytes) };
}

/** The attachments for chat.send, or the one sentence saying why not and what to do. */
export function checkPictures(pictures: readonly ChatPicture[], policy: UploadPolicy, message: string): PictureCheck {
  const cap = policy.maxImageBytes ?? IMAGE_CAP_BYTES;
  const attachments: ChatAttachment[] = [];
  for (const p of pictures) {
    const bytes = Buffer.from(p.base64, "base64");
    if (bytes.length === 0) return { ok: false, problem: `${p.fileName} is empty — pick another picture.` };
    if (bytes.length > cap) return { ok: false, problem: pictureTooLarge(p.fileName, bytes.length, cap) };
    const type = sniffImage(bytes);
    if (!type) return { ok: false, problem: `${p.fileName} is not a PNG, JPEG, GIF or WebP picture — only those can be sent.` };
    attachments.push({ type: "image", mimeType: type, fileName: p.fileName, content: bytes.toString("base64") });
  }
  if (policy.maxPayload !== null) {
    const frame = Buffer.byteLength(JSON.stringify({ message, attachments })) + FRAME_OVERHEAD;
    if (frame > policy.maxPayload) {
      return { ok: false, problem: `These pictures make a ${sizeText(frame)} message; this gateway takes messages up to ${sizeText(policy.maxPayload)} — send fewer or smaller pictures.` };
    }
  }
  return { ok: true, attachments };
}
