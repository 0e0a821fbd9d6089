#!/usr/bin/env node
// Draws Rose's app icon (a rose on a rounded square) pixel by pixel and writes the files
// electron-builder takes from assets/build/: icon.png (1024×1024, Linux and the window icon),
// icon.icns (macOS) and icon.ico (Windows). Each size is drawn at its own resolution (no
// downscaling), supersampled for smooth edges. Only node:zlib and node:fs: nothing to
// install, same picture on every machine.
//   node scripts/icons/drawIcon.mjs [--out DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Colours as [r, g, b]; everything below works in the unit square (0..1, y down).
const BACKGROUND_TOP = [0xb8, 0x2a, 0x55];
const BACKGROUND_BOTTOM = [0x5e, 0x10, 0x2b];
const PETAL_OUTER = [0xf2, 0x8f, 0xad];
const PETAL_MIDDLE = [0xe0, 0x5a, 0x84];
const PETAL_INNER = [0xc9, 0x33, 0x64];
const HEART = [0x8e, 0x17, 0x3f];
const LEAF = [0x6f, 0xb5, 0x72];

const mix = (a, b, t) => a.map((value, i) => value + (b[i] - value) * t);

/** Inside a rounded square (macOS-like margin so the shape sits well on every platform). */
function inRoundedSquare(x, y) {
  const margin = 0.08;
  const radius = 0.2;
  const qx = Math.abs(x - 0.5) - (0.5 - margin - radius);
  const qy = Math.abs(y - 0.5) - (0.5 - margin - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0);
  return outside <= radius;
}

/** A ring of `count` rounded petals: inside when the polar radius is under the petal outline. */
function inPetals(x, y, cx, cy, size, count, turn) {
  const dx = x - cx;
  const dy = y - cy;
  const r = Math.hypot(dx, dy);
  const angle = Math.atan2(dy, dx) + turn;
  const outline = size * (0.78 + 0.22 * Math.abs(Math.cos((count / 2) * angle)));
  return r <= outline;
}

function inLeaf(x, y, cx, cy, length, width, tilt) {
  const dx = x - cx;
  const dy = y - cy;
  const u = dx * Math.cos(tilt) + dy * Math.sin(tilt);
  const v = -dx * Math.sin(tilt) + dy * Math.cos(tilt);
  if (u < 0 || u > length) return false;
  const half = width * Math.sin((Math.PI * u) / length);
  return Math.abs(v) <= half;
}

/** The colour at (x, y), or null where the icon is transparent. */
function colourAt(x, y) {
  if (!inRoundedSquare(x, y)) return null;
  const cx = 0.5;
  const cy = 0.47;
  if (inPetals(x, y, cx, cy, 0.11, 3, 0.6) && Math.hypot(x - cx, y - cy) < 0.055) return HEART;
  if (inPetals(x, y, cx, cy, 0.13, 4, 0.9)) return PETAL_INNER;
  if (inPetals(x, y, cx, cy, 0.21, 5, 0.3)) return PETAL_MIDDLE;
  if (inPetals(x, y, cx, cy, 0.3, 5, 0)) return PETAL_OUTER;
  if (inLeaf(x, y, 0.5, 0.8, 0.3, 0.075, -0.42) || inLeaf(x, y, 0.5, 0.8, 0.3, 0.075, Math.PI + 0.42)) {
    return LEAF;
  }
  return mix(BACKGROUND_TOP, BACKGROUND_BOTTOM, y);
}

/** RGBA pixels of the icon at `size`×`size`. */
export function renderIcon(size) {
  // Small sizes need more samples per pixel for smooth edges; at 512 px and up 2×2 is plenty.
  const samples = size >= 512 ? 2 : 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered += 1;
        }
      }
      const at = (py * size + px) * 4;
      if (covered > 0) {
        pixels[at] = Math.round(r / covered);
        pixels[at + 1] = Math.round(g / covered);
        pixels[at + 2] = Math.round(b / covered);
        pixels[at + 3] = Math.round((255 * covered) / (samples * samples));
      }
    }
  }
  return pixels;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG of 8-bit RGBA pixels (no filtering: each row starts with filter byte 0). */
export function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Windows .ico holding PNG images (supported since Vista; 256 px is what installers need). */
export function encodeIco(images) {
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2);
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    directory.writeUInt8(size >= 256 ? 0 : size, entry);
    directory.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    directory.writeUInt16LE(1, entry + 4); // colour planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([directory, ...images.map((image) => image.png)]);
}

/** macOS .icns element types that hold PNG data, by pixel size. */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
];

export function encodeIcns(pngBySize) {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + elements.reduce((sum, e) => sum + e.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** Writes icon.png, icon.icns and icon.ico into `dir`; returns their paths. */
export function writeIcons(dir) {
  const sizes = [...new Set([...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size), 1024])];
  const pngBySize = new Map(sizes.map((size) => [size, encodePng(size, renderIcon(size))]));
  mkdirSync(dir, { recursive: true });
  const files = {
    png: join(dir, 'icon.png'),
    icns: join(dir, 'icon.icns'),
    ico: join(dir, 'icon.ico'),
  };
  writeFileSync(files.png, pngBySize.get(1024));
  writeFileSync(files.icns, encodeIcns(pngBySize));
  writeFileSync(files.ico, encodeIco(ICO_SIZES.map((size) => ({ size, png: pngBySize.get(size) }))));
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const files = writeIcons(resolve(values.out ?? join(projectDir, 'assets', 'build')));
  process.stdout.write(`icons written: ${Object.values(files).join(', ')}\n`);
}
