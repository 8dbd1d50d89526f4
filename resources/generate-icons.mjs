#!/usr/bin/env node
// Draws Clawlink's icons into resources/ with no dependencies (zlib-compressed RGBA PNGs, 4×4
// supersampled shapes). Run it after changing the design: `node resources/generate-icons.mjs`; the PNGs are
// committed so the build never depends on it.
//
//   tray-<status>-<theme>.png (16 px) and tray-<status>-<theme>@2x.png (32 px)
//     status: connected | connecting | attention | disconnected
//     theme:  light (dark glyph, for light menu bars/task bars) | dark (light glyph, for dark ones)
//     glyph: two chain links; a coloured status dot (green, amber, red) cut into the lower right;
//     disconnected has no dot and a dimmed glyph.
//   icon.png (512 px): the application icon (electron-builder derives the platform formats from it).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const out = path.dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** Renders layers (each: coverage(x, y) in unit coordinates → bool, colour, alpha) over transparency. */
function render(size, layers) {
  const S = 4;
  const buf = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          // Painter's algorithm per sample, straight alpha.
          let sr = 0, sg = 0, sb = 0, sa = 0;
          for (const l of layers) {
            if (l.clear?.(x, y)) { sr = sg = sb = sa = 0; continue; }
            if (!l.cover?.(x, y)) continue;
            const la = l.alpha ?? 1;
            const na = la + sa * (1 - la);
            if (na > 0) {
              sr = (l.color[0] * la + sr * sa * (1 - la)) / na;
              sg = (l.color[1] * la + sg * sa * (1 - la)) / na;
              sb = (l.color[2] * la + sb * sa * (1 - la)) / na;
            }
            sa = na;
          }
          r += sr * sa; g += sg * sa; b += sb * sa; a += sa;
        }
      }
      const i = (py * size + px) * 4;
      buf[i + 3] = Math.round((a / (S * S)) * 255);
      if (a > 0) {
        buf[i] = Math.round(r / a);
        buf[i + 1] = Math.round(g / a);
        buf[i + 2] = Math.round(b / a);
      }
    }
  }
  return buf;
}

const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const links = (x, y) => ring(0.36, 0.42, 0.21, 0.1)(x, y) || ring(0.6, 0.42, 0.21, 0.1)(x, y);

const STATUS = { connected: "#2ea043", connecting: "#d29922", attention: "#e5534b", disconnected: null };
const GLYPH = { light: "#1f2328", dark: "#f0f3f6" };

const files = [];
for (const [status, dot] of Object.entries(STATUS)) {
  for (const [theme, glyph] of Object.entries(GLYPH)) {
    for (const [suffix, size] of [["", 16], ["@2x", 32]]) {
      const layers = [{ cover: links, color: hex(glyph), alpha: dot ? 1 : 0.55 }];
      if (dot) layers.push({ clear: disc(0.76, 0.76, 0.27) }, { cover: disc(0.76, 0.76, 0.2), color: hex(dot) });
      const name = `tray-${status}-${theme}${suffix}.png`;
      fs.writeFileSync(path.join(out, name), png(size, render(size, layers)));
      files.push(name);
    }
  }
}

// Application icon: rounded square, blue, white links.
const roundedSquare = (x, y) => {
  const m = 0.06, rad = 0.2;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - m - rad), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - m - rad), 0);
  return Math.hypot(qx, qy) <= rad;
};
const appLinks = (x, y) => ring(0.39, 0.5, 0.17, 0.07)(x, y) || ring(0.61, 0.5, 0.17, 0.07)(x, y);
fs.writeFileSync(path.join(out, "icon.png"), png(512, render(512, [{ cover: roundedSquare, color: hex("#1f6feb") }, { cover: (x, y) => roundedSquare(x, y) && appLinks(x, y), color: hex("#ffffff") }])));
files.push("icon.png");
console.log(`generate-icons: wrote ${files.length} files to ${path.relative(process.cwd(), out) || "."}`);
