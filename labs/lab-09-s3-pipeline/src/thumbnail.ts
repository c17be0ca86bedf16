/**
 * Lab 09 — S3 pipeline, part 1: turn an image into a thumbnail with sharp.
 * Read labs/lab-09-s3-pipeline/README.md first. Grade with: npm run grade lab-09
 *
 * sharp (https://sharp.pixelplumbing.com) wraps libvips, a fast native image library.
 */
import sharp from 'sharp';

/** The thumbnail fits in a square of this many pixels. */
export const THUMBNAIL_SIZE = 200;

export interface Thumbnail {
  body: Buffer;
  /** The MIME type of `body`: what S3 must serve it as. */
  contentType: string;
  /** The file extension that goes with it, without the dot. */
  extension: string;
  width: number;
  height: number;
}

export async function makeThumbnail(image: Uint8Array): Promise<Thumbnail> {
  // TODO(lab-09): task 1 — sharp(image).resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { … }) so the
  //   thumbnail fits inside the square, keeps its aspect ratio and is never enlarged; then
  //   pick ONE output format (.webp(), .jpeg() or .png()) and
  //   .toBuffer({ resolveWithObject: true }) to get the bytes and their { width, height }.
  // TODO(lab-09): task 1 — return the bytes with the MIME type and the extension of the format
  //   you chose (image/webp + webp, image/jpeg + jpg, or image/png + png).
  throw new Error('TODO(lab-09): makeThumbnail is not implemented yet (see src/thumbnail.ts)');
}
