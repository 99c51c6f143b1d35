/**
 * Re-encodes findings photos with sharp (libvips, prebuilt): decodes the PNG or JPEG, turns it upright
 * from its EXIF orientation, and writes a new file with **no metadata** (sharp keeps none unless asked:
 * no EXIF, no GPS, no XMP, no ICC beyond sRGB conversion). Large photos are scaled to at most 2,400 px on
 * the long side. A file that does not decode throws (the domain refuses it with a clear message).
 * sharp's prebuilt libheif reads AVIF only, not HEIC (HEVC): HEIC is refused before this (docs/findings.md).
 */
import sharp from 'sharp';
import type { PhotoCodec } from '../../domain/findings/photos';

const MAX_SIDE = 2400;

export const sharpPhotoCodec: PhotoCodec = {
  async reencode(bytes, kind) {
    const input = sharp(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { failOn: 'error', limitInputPixels: 40_000_000 })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const out = kind === 'png' ? input.png() : input.jpeg({ quality: 85, mozjpeg: true });
    const { data, info } = await out.toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType: kind === 'png' ? 'image/png' : 'image/jpeg', width: info.width, height: info.height };
  }
};
