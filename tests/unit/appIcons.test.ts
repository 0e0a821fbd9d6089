// The app icons in assets/build are the ones scripts/icons/drawIcon.mjs draws, in the formats
// electron-builder and the three platforms read. (That electron-builder resolves them from the
// config is checked by the packaging check.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const build = join(root, 'assets', 'build');

type Drawing = {
  renderIcon(size: number): Buffer;
  ICNS_TYPES: Array<[string, number]>;
  ICO_SIZES: number[];
};
const drawing = (await import(pathToFileURL(join(root, 'scripts', 'icons', 'drawIcon.mjs')).href)) as Drawing;

/** Width, height, colour type and the unfiltered RGBA rows of a PNG this script writes. */
function readPng(bytes: Buffer) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: Buffer[] = [];
  let header: Buffer | null = null;
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') chunks.push(data);
    at += 12 + length;
  }
  assert.ok(header, 'IHDR present');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4 + 1;
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * stride], 0, 'rows are unfiltered');
    raw.copy(pixels, y * width * 4, y * stride + 1, (y + 1) * stride);
  }
  return { width, height, bitDepth: header[8], colourType: header[9], pixels };
}

test('icon.png is the 1024 px RGBA drawing the script makes, with a transparent margin', {
  timeout: 60_000,
}, () => {
  const png = readPng(readFileSync(join(build, 'icon.png')));
  assert.deepEqual([png.width, png.height, png.bitDepth, png.colourType], [1024, 1024, 8, 6]);
  assert.ok(drawing.renderIcon(1024).equals(png.pixels), 'assets/build/icon.png matches the drawing');
  assert.equal(png.pixels[3], 0, 'the corner is transparent');
  const centre = (512 * 1024 + 512) * 4;
  assert.equal(png.pixels[centre + 3], 255, 'the centre is opaque');
});

test('icon.ico holds PNG images up to 256 px (what the Windows installer needs)', () => {
  const ico = readFileSync(join(build, 'icon.ico'));
  assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2)], [0, 1]);
  const count = ico.readUInt16LE(4);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + 16 * i;
    const size = ico[entry] || 256;
    const png = readPng(
      ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8)),
    );
    assert.equal(png.width, size);
    sizes.push(size);
  }
  assert.deepEqual(sizes, drawing.ICO_SIZES);
  assert.equal(Math.max(...sizes), 256);
});

test('icon.icns holds every macOS size from 16 to 1024 px as PNG', () => {
  const icns = readFileSync(join(build, 'icon.icns'));
  assert.equal(icns.toString('latin1', 0, 4), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length);
  const found: Array<[string, number]> = [];
  for (let at = 8; at < icns.length; ) {
    const type = icns.toString('latin1', at, at + 4);
    const length = icns.readUInt32BE(at + 4);
    found.push([type, readPng(icns.subarray(at + 8, at + length)).width]);
    at += length;
  }
  assert.deepEqual(found, drawing.ICNS_TYPES);
});
