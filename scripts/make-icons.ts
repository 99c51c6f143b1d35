/**
 * Draws the Teams app icons and writes them as PNG files:
 * - appPackage/color.png   192×192, full colour: a white speech bubble holding a loop arrow;
 * - appPackage/outline.png  32×32, white on transparent (Teams accepts no other colours there).
 *
 * Run with `npx tsx scripts/make-icons.ts`. Pure Node: shapes are tested point by point and each pixel
 * is supersampled for smooth edges; the PNG is written with node:zlib. The output is deterministic, so
 * re-running it leaves the committed files unchanged.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

export type Rgba = readonly [number, number, number, number];
/** A point test in icon units: both coordinates run from 0 (top left) to 1 (bottom right). */
type Shape = (x: number, y: number) => boolean;
/** Returns the colour at a point, or undefined where nothing is painted (transparent). */
type Painter = (x: number, y: number) => Rgba | undefined;

const ACCENT: Rgba = [0x2e, 0x5e, 0x8c, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const WARM: Rgba = [0xf2, 0xb1, 0x34, 255];

function roundRect(left: number, top: number, right: number, bottom: number, radius: number): Shape {
  return (x, y) => {
    if (x < left || x > right || y < top || y > bottom) return false;
    // Distance from the nearest corner centre decides only in the corner squares.
    const cx = Math.min(Math.max(x, left + radius), right - radius);
    const cy = Math.min(Math.max(y, top + radius), bottom - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
}

function triangle(a: readonly [number, number], b: readonly [number, number], c: readonly [number, number]): Shape {
  const side = (p: readonly [number, number], q: readonly [number, number], x: number, y: number): number =>
    (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/**
 * A ring drawn clockwise from `startDeg` through `sweepDeg` degrees (y points down, so increasing angles
 * turn clockwise on screen), with an arrowhead at the far end pointing onwards: the "loop".
 */
function loopArrow(cx: number, cy: number, radius: number, thickness: number, startDeg: number, sweepDeg: number): Shape {
  const inner = radius - thickness / 2;
  const outer = radius + thickness / 2;
  const toRad = Math.PI / 180;
  const end = (startDeg + sweepDeg) * toRad;
  const ex = cx + radius * Math.cos(end);
  const ey = cy + radius * Math.sin(end);
  // Radial unit vector and clockwise tangent at the end of the arc.
  const rx = Math.cos(end);
  const ry = Math.sin(end);
  const tx = -ry;
  const ty = rx;
  const half = thickness * 1.15;
  const length = thickness * 1.5;
  const head = triangle(
    [ex + rx * half, ey + ry * half],
    [ex - rx * half, ey - ry * half],
    [ex + tx * length, ey + ty * length]
  );
  return (x, y) => {
    const d2 = (x - cx) ** 2 + (y - cy) ** 2;
    if (d2 >= inner * inner && d2 <= outer * outer) {
      let angle = Math.atan2(y - cy, x - cx) / toRad - startDeg;
      angle = ((angle % 360) + 360) % 360;
      if (angle <= sweepDeg) return true;
    }
    return head(x, y);
  };
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));

// The speech bubble (with its tail bottom left) and the loop inside it, shared by both icons.
const bubble = union(
  roundRect(0.14, 0.18, 0.86, 0.68, 0.13),
  triangle([0.25, 0.6], [0.44, 0.6], [0.2, 0.84])
);
const loop = loopArrow(0.5, 0.43, 0.15, 0.06, -40, 290);
const voiceDot = circle(0.5, 0.43, 0.045);

const colourIcon: Painter = (x, y) => {
  if (voiceDot(x, y)) return WARM;
  if (loop(x, y)) return ACCENT;
  if (bubble(x, y)) return WHITE;
  return ACCENT;
};

// Outline: a white silhouette with the loop cut out; slightly bolder so it survives 32 pixels.
const outlineBubble = union(
  roundRect(0.06, 0.12, 0.94, 0.72, 0.16),
  triangle([0.2, 0.62], [0.44, 0.62], [0.12, 0.94])
);
const outlineLoop = loopArrow(0.5, 0.42, 0.17, 0.09, -40, 280);
const outlineIcon: Painter = (x, y) => (outlineBubble(x, y) && !outlineLoop(x, y) ? WHITE : undefined);

/**
 * Renders a painter into straight (not premultiplied) RGBA pixels, averaging `samples`² points per
 * pixel. Transparent and partly covered pixels keep the painted colour, so an all-white painter gives
 * pixels that are white at every alpha.
 */
export function render(painter: Painter, size: number, samples = 8): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      let fallback: Rgba = [255, 255, 255, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = painter((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          fallback = colour;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha;
          g += colour[1] * alpha;
          b += colour[2] * alpha;
          a += alpha;
        }
      }
      const offset = (py * size + px) * 4;
      if (a === 0) {
        pixels.set([fallback[0], fallback[1], fallback[2], 0], offset);
      } else {
        pixels.set(
          [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / (samples * samples)) * 255)],
          offset
        );
      }
    }
  }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes straight RGBA pixels (8 bits per channel) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  // compression, filter method and interlace stay 0
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None for every scanline
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ]);
}

export function makeIcons(outDir: string): { color: string; outline: string } {
  const color = join(outDir, 'color.png');
  const outline = join(outDir, 'outline.png');
  writeFileSync(color, encodePng(192, 192, render(colourIcon, 192)));
  writeFileSync(outline, encodePng(32, 32, render(outlineIcon, 32)));
  return { color, outline };
}

if (require.main === module) {
  const written = makeIcons(join(__dirname, '..', 'appPackage'));
  console.log(`wrote ${written.color} and ${written.outline}`);
}
