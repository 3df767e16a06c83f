// Rasterises the app icon (the geometry of public/icon.svg) into the PNG sizes
// the manifest and iOS ask for. No image library needed: rectangles and a PNG encoder from zlib.
// Run: node scripts/icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x2f, 0x5d, 0x8a];
const WHITE = [0xff, 0xff, 0xff];
const PALE = [0xd9, 0xe4, 0xef];
const GREY = [0x9b, 0xb3, 0xca];
const GREEN = [0x2e, 0x8b, 0x57];

/** Shapes on the 512-unit canvas of icon.svg: [x, y, w, h, radius, colour]. */
const SHAPES = [
  [128, 96, 256, 320, 20, WHITE],
  [128, 96, 40, 320, 12, PALE],
  [200, 160, 144, 20, 10, BLUE],
  [200, 220, 144, 20, 10, GREY],
  [200, 280, 96, 20, 10, GREY],
  [290, 330, 70, 70, 35, GREEN],
];

function inside(px, py, [x, y, w, h, r]) {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

function crcTable() {
  return Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
}
const CRC = crcTable();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, { rounded }) {
  const scale = 512 / size;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const px = (x + 0.5) * scale;
      const py = (y + 0.5) * scale;
      const background = !rounded || inside(px, py, [0, 0, 512, 512, 96]);
      const shape = SHAPES.findLast((s) => inside(px, py, s));
      const colour = shape ? shape[5] : BLUE;
      row.set([...colour, background ? 255 : 0], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), png(192, { rounded: true }));
writeFileSync(new URL('icon-512.png', out), png(512, { rounded: true }));
// Maskable and iOS icons are cropped by the system: full bleed, no transparent corners.
writeFileSync(new URL('icon-maskable-512.png', out), png(512, { rounded: false }));
writeFileSync(new URL('apple-touch-icon.png', out), png(180, { rounded: false }));
