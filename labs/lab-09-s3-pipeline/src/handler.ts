/**
 * Lab 09 — S3 pipeline, part 2: the function S3 invokes when an object is created.
 * Read labs/lab-09-s3-pipeline/README.md first. Grade with: npm run grade lab-09
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event, S3EventRecord } from 'aws-lambda';
import { makeThumbnail } from './thumbnail.ts';

/** The prefix the bucket notification watches. */
export const INPUT_PREFIX = 'uploads/';
/** Where thumbnails go. */
export const OUTPUT_PREFIX = 'thumbnails/';
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export type SkipReason = 'own-output' | 'not-an-upload' | 'not-an-image' | 'too-large';

export interface PipelineOptions {
  /** The largest upload to process, in bytes (default 20 MiB). */
  maxBytes?: number;
  /** The S3 client (default: one per execution environment). */
  s3?: S3Client;
}

export interface PipelineResult {
  /** Keys of the thumbnails written. */
  thumbnails: string[];
  skipped: { key: string; reason: SkipReason }[];
}

/** Writes one structured log line, e.g. log('INFO', { message: 'skipped', key, reason }). */
function log(level: 'INFO' | 'WARN' | 'ERROR', fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, ...fields });
  if (level === 'ERROR') console.error(line);
  else if (level === 'WARN') console.warn(line);
  else console.log(line);
}

/** The key as stored, from the key as S3 writes it into the event. */
export function decodeKey(raw: string): string {
  // TODO(lab-09): task 2 — S3 form-encodes keys: a space arrives as "+", a real "+" as "%2B",
  //   "é" as "%C3%A9". Undo both encodings, in the right order.
  return raw;
}

export function createHandler(options: PipelineOptions = {}) {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const s3 = options.s3 ?? new S3Client({});
  return async (event: S3Event, _context?: Context): Promise<PipelineResult> => {
    const result: PipelineResult = { thumbnails: [], skipped: [] };
    // TODO(lab-09): task 5 — handle every record of event.Records, each in its own try/catch;
    //   after the loop, if any failed, throw one Error whose message names every failed key.
    // TODO(lab-09): task 2 — decode record.s3.object.key with decodeKey.
    // TODO(lab-09): task 3 — skip keys under OUTPUT_PREFIX (reason "own-output") and any key
    //   not under INPUT_PREFIX ("not-an-upload"), before any S3 call.
    // TODO(lab-09): task 4 — skip keys without an image extension ("not-an-image") and objects
    //   whose record.s3.object.size is over maxBytes ("too-large"), before downloading.
    //   Every skip: log('INFO', { message: 'skipped', key, reason }) and carry on.
    // TODO(lab-09): task 1 — GetObjectCommand, then read the Body stream (counting bytes: stop
    //   and skip as "too-large" past maxBytes), makeThumbnail, then PutObjectCommand to the same
    //   bucket at thumbnails/<path under uploads/>.<extension> with the right ContentType.
    return result;
  };
}

/** The deployed function; MAX_UPLOAD_BYTES is set in the SAM template. */
export const handler = createHandler({
  maxBytes: Number(process.env.MAX_UPLOAD_BYTES) || DEFAULT_MAX_BYTES,
});
