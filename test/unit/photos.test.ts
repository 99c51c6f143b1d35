/** What a findings photo is, from its bytes alone (docs/findings.md, "Photos"). */
import { describe, expect, it } from 'vitest';
import { sniffPhoto } from '../../src/domain/findings/photos';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffPhoto', () => {
  it('knows PNG, JPEG and HEIC by their signatures', () => {
    expect(sniffPhoto(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'))).toBe('png');
    expect(sniffPhoto(bytes([0xff, 0xd8, 0xff, 0xe1]))).toBe('jpeg');
    expect(sniffPhoto(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0]))).toBe('heic');
    expect(sniffPhoto(bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0]))).toBe('heic');
  });
  it('refuses everything else, whatever its name says', () => {
    expect(sniffPhoto(bytes('GIF89a'))).toBeUndefined();
    expect(sniffPhoto(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffPhoto(bytes([0, 0, 0, 0x18], 'ftypavif', [0, 0]))).toBeUndefined();
    expect(sniffPhoto(bytes([0xff, 0xd8]))).toBeUndefined();
    expect(sniffPhoto(new Uint8Array(0))).toBeUndefined();
  });
});
