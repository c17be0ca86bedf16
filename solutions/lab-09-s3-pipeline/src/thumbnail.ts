/**
 * Lab 09 reference solution, part 1: turn an image into a thumbnail with sharp (libvips, a
 * native addon: fast, and streaming-friendly in memory).
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

// #region thumbnail
export async function makeThumbnail(image: Uint8Array): Promise<Thumbnail> {
  const { data, info } = await sharp(image)
    // Phones store photos sideways plus an EXIF "rotate me" flag; apply it before resizing
    // (the output drops EXIF, flag included, as it drops GPS positions: good for privacy).
    .autoOrient()
    // Fit inside 200×200 and keep the aspect ratio (sharp's default fit, 'cover', would crop
    // to a square); never enlarge an image that is already small.
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    // WebP keeps transparency (JPEG cannot) and is smaller than PNG; every current browser
    // shows it.
    .webp({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return {
    body: data,
    contentType: 'image/webp',
    extension: 'webp',
    width: info.width,
    height: info.height,
  };
}
// #endregion thumbnail
