/**
 * Module 4 example: the two things every S3-triggered function must get right, the object key
 * and the loop guard.
 */
import type { S3EventRecord } from 'aws-lambda';

// #region key
/** S3 event keys are URL-encoded with spaces as "+": "My Photo.jpg" arrives as "My+Photo.jpg". */
export function objectKey(record: S3EventRecord): string {
  return decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
}
// #endregion key

// #region guard
export const OUTPUT_PREFIX = 'thumbnails/';

/**
 * The function writes thumbnails to the bucket that triggers it. Without this check each
 * thumbnail would trigger another run, forever. (Better still: a separate output bucket, or
 * a prefix filter on the notification so S3 never sends these events.)
 */
export function shouldProcess(key: string): boolean {
  if (key.startsWith(OUTPUT_PREFIX)) return false;
  return /\.(jpe?g|png|webp)$/i.test(key);
}
// #endregion guard
