/**
 * Lab 09 reference solution, part 2: the function S3 invokes when an object is created under
 * uploads/. It reads the image as a stream, writes a thumbnail under thumbnails/ in the same
 * bucket, and never processes its own output.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event, S3EventRecord } from 'aws-lambda';
import { makeThumbnail } from './thumbnail.ts';

/** The prefix the bucket notification watches (template.yaml filters on it too). */
export const INPUT_PREFIX = 'uploads/';
/** Where thumbnails go: outside the watched prefix, so writing one triggers nothing. */
export const OUTPUT_PREFIX = 'thumbnails/';
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Extensions of the formats sharp reads; anything else is not our business. */
const IMAGE_KEY = /\.(jpe?g|png|webp|gif|avif|tiff?)$/i;

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

/** Some records failed; the others were processed. The message names every failed key. */
export class ThumbnailFailures extends Error {
  override name = 'ThumbnailFailures';
  constructor(readonly failures: { key: string; error: string }[]) {
    super(
      `${failures.length} upload(s) failed: ${failures.map((f) => `${f.key} (${f.error})`).join('; ')}`,
    );
  }
}

/**
 * S3 writes keys into notifications form-encoded: a space arrives as "+", a real "+" as
 * "%2B", "é" as "%C3%A9". Turn the "+" back into spaces first, then percent-decode.
 * (decodeURIComponent alone leaves "+" as "+"; the replace alone leaves "%2B".)
 */
export function decodeKey(raw: string): string {
  return decodeURIComponent(raw.replace(/\+/g, ' '));
}

/** uploads/2026/cat photo.jpg → thumbnails/2026/cat photo.webp */
export function thumbnailKey(key: string, extension: string): string {
  const rest = key.startsWith(INPUT_PREFIX) ? key.slice(INPUT_PREFIX.length) : key;
  const dot = rest.lastIndexOf('.');
  const stem = dot > rest.lastIndexOf('/') ? rest.slice(0, dot) : rest;
  return `${OUTPUT_PREFIX}${stem}.${extension}`;
}

class TooLargeError extends Error {
  override name = 'TooLargeError';
}

// #region read-limited
/**
 * Reads a GetObject Body (a stream, not a Buffer) and gives up as soon as it grows past
 * maxBytes: the size in the event can be stale (the object was overwritten since), and
 * reading the stream yourself lets you stop before it costs more memory than you allow.
 */
async function readLimited(body: unknown, maxBytes: number): Promise<Buffer> {
  if (!body || typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') {
    throw new Error('GetObject returned no readable Body');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  // Leaving a for await loop early (throw, break, return) destroys the stream, which frees its
  // HTTP connection; a stream left half-read would keep it busy.
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    total += bytes.length;
    if (total > maxBytes) throw new TooLargeError(`more than ${maxBytes} bytes`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}
// #endregion read-limited

function log(level: 'INFO' | 'WARN' | 'ERROR', fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, ...fields });
  if (level === 'ERROR') console.error(line);
  else if (level === 'WARN') console.warn(line);
  else console.log(line);
}

type Outcome = { written: string } | { skipped: SkipReason };

function skip(key: string, reason: SkipReason, details: Record<string, unknown> = {}): Outcome {
  // own-output means the notification filter is letting our own writes through: worth a WARN.
  log(reason === 'own-output' ? 'WARN' : 'INFO', { message: 'skipped', key, reason, ...details });
  return { skipped: reason };
}

// #region guards
async function processRecord(
  record: S3EventRecord,
  s3: S3Client,
  maxBytes: number,
): Promise<Outcome> {
  const bucket = record.s3.bucket.name;
  const key = decodeKey(record.s3.object.key);
  // The recursion guard, last line of defence behind the notification's prefix filter: an
  // allow-list (only uploads/) also covers output prefixes added later.
  if (key.startsWith(OUTPUT_PREFIX)) return skip(key, 'own-output');
  if (!key.startsWith(INPUT_PREFIX)) return skip(key, 'not-an-upload');
  // Cheap checks first, from the event alone: no download for what we will not process.
  if (!IMAGE_KEY.test(key)) return skip(key, 'not-an-image');
  const size = record.s3.object.size;
  if (typeof size === 'number' && size > maxBytes)
    return skip(key, 'too-large', { size, maxBytes });

  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  let image: Buffer;
  try {
    image = await readLimited(object.Body, maxBytes);
  } catch (error) {
    if (error instanceof TooLargeError) return skip(key, 'too-large', { maxBytes });
    throw error;
  }
  const thumbnail = await makeThumbnail(image);
  const outputKey = thumbnailKey(key, thumbnail.extension);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: outputKey,
      Body: thumbnail.body,
      ContentType: thumbnail.contentType,
    }),
  );
  log('INFO', {
    message: 'thumbnail written',
    key,
    thumbnail: outputKey,
    width: thumbnail.width,
    height: thumbnail.height,
  });
  return { written: outputKey };
}
// #endregion guards

// #region records
export function createHandler(options: PipelineOptions = {}) {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const s3 = options.s3 ?? new S3Client({});
  return async (event: S3Event, _context?: Context): Promise<PipelineResult> => {
    const result: PipelineResult = { thumbnails: [], skipped: [] };
    const failures: { key: string; error: string }[] = [];
    const records = Array.isArray(event?.Records) ? event.Records : [];
    // One record at a time: one image in memory at a time, and a failure stays one record's.
    for (const record of records) {
      const rawKey = String(record?.s3?.object?.key ?? '(no key)');
      try {
        const outcome = await processRecord(record, s3, maxBytes);
        if ('written' in outcome) result.thumbnails.push(outcome.written);
        else result.skipped.push({ key: safeDecode(rawKey), reason: outcome.skipped });
      } catch (error) {
        const key = safeDecode(rawKey);
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        log('ERROR', { message: 'thumbnail failed', key, error: message });
        failures.push({ key, error: message });
      }
    }
    // S3 invokes asynchronously: throwing makes Lambda retry the event (twice by default),
    // then hand it to the on-failure destination. The records that succeeded are redone on a
    // retry, which is harmless: writing the same thumbnail again changes nothing.
    if (failures.length > 0) throw new ThumbnailFailures(failures);
    return result;
  };
}
// #endregion records

function safeDecode(raw: string): string {
  try {
    return decodeKey(raw);
  } catch {
    return raw;
  }
}

/** The deployed function; MAX_UPLOAD_BYTES is set in template.yaml. */
export const handler = createHandler({
  maxBytes: Number(process.env.MAX_UPLOAD_BYTES) || DEFAULT_MAX_BYTES,
});
