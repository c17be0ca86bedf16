/**
 * Lab 09: a thumbnail pipeline on S3 uploads. S3 is played by aws-sdk-client-mock: GetObject
 * answers from an in-memory bucket with a streamed Body (as the SDK returns it), PutObject
 * records what was written. Test images are real, made with sharp, and so are the checks on
 * the thumbnails (decoded with sharp).
 */
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  type GetObjectCommandInput,
  NoSuchKey,
  PutObjectCommand,
  type PutObjectCommandInput,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createHandler } from '@lab/lab-09-s3-pipeline/src/handler.ts';
import { sdkStreamMixin } from '@smithy/util-stream';
import type { S3Event } from 'aws-lambda';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  captureLogs,
  encodeS3Key,
  type LogCapture,
  lambdaContext,
  mockClient,
  type S3ObjectSpec,
  s3Event,
} from '../../testkit/index.ts';

const BUCKET = 'course-uploads';
const s3 = mockClient(S3Client);

/** What the fake bucket holds: key → bytes, or a function making a fresh Body stream. */
const bucket = new Map<string, Buffer | (() => Readable)>();
/** GetObject fails with this error for these keys (a transient S3 failure). */
const failingKeys = new Map<string, Error>();

const images: Record<'landscape' | 'portrait' | 'small' | 'transparent', Buffer> = {
  landscape: Buffer.alloc(0),
  portrait: Buffer.alloc(0),
  small: Buffer.alloc(0),
  transparent: Buffer.alloc(0),
};

beforeAll(async () => {
  const solid = (width: number, height: number, channels: 3 | 4) =>
    sharp({
      create: {
        width,
        height,
        channels,
        background: { r: 230, g: 120, b: 40, alpha: channels === 4 ? 0.5 : 1 },
      },
    });
  images.landscape = await solid(800, 600, 3).jpeg().toBuffer();
  images.portrait = await solid(600, 1200, 3).jpeg().toBuffer();
  images.small = await solid(120, 80, 3).png().toBuffer();
  images.transparent = await solid(400, 400, 4).png().toBuffer();
});

let logs: LogCapture;
beforeEach(() => {
  logs = captureLogs();
  bucket.clear();
  failingKeys.clear();
  s3.reset();
  s3.on(GetObjectCommand).callsFake(async (input: GetObjectCommandInput) => {
    const key = String(input.Key);
    const failure = failingKeys.get(key);
    if (failure) throw failure;
    const stored = bucket.get(key);
    if (stored === undefined || input.Bucket !== BUCKET) {
      throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    }
    const stream = typeof stored === 'function' ? stored() : Readable.from([stored]);
    return {
      Body: sdkStreamMixin(stream),
      ContentType: 'application/octet-stream',
      ...(Buffer.isBuffer(stored) ? { ContentLength: stored.length } : {}),
    };
  });
  s3.on(PutObjectCommand).resolves({ ETag: '"thumbnail"' });
});
afterEach(() => {
  logs.restore();
});

type Handler = (event: S3Event, context: unknown) => Promise<unknown>;
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function pipeline(options: { maxBytes?: number } = {}): Handler {
  return createHandler(options as never) as unknown as Handler;
}

/** Puts real bytes in the fake bucket and returns the event S3 would send for them. */
function upload(key: string, bytes: Buffer, spec: Partial<S3ObjectSpec> = {}): S3ObjectSpec {
  bucket.set(key, bytes);
  return { key, bucket: BUCKET, size: bytes.length, ...spec };
}

async function invoke(handler: Handler, event: S3Event): Promise<Outcome> {
  try {
    return { ok: true, value: await handler(event, lambdaContext()) };
  } catch (error) {
    return { ok: false, error };
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error);
}

async function expectSuccess(handler: Handler, event: S3Event, what: string): Promise<void> {
  const outcome = await invoke(handler, event);
  if (!outcome.ok) {
    expect.fail(`the handler threw for ${what}: ${describeError(outcome.error)}`);
  }
}

const gets = () => s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input);
const puts = () => s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);

async function bytesOf(body: PutObjectCommandInput['Body']): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (typeof body === 'string') return Buffer.from(body, 'binary');
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  return expect.fail(
    `PutObject Body must be the thumbnail's bytes (a Buffer or Uint8Array), got ${typeof body}`,
  );
}

const MIME: Record<string, { contentType: string; extensions: string[] }> = {
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { contentType: 'image/png', extensions: ['png'] },
  webp: { contentType: 'image/webp', extensions: ['webp'] },
  heif: { contentType: 'image/avif', extensions: ['avif'] },
};

interface Written {
  input: PutObjectCommandInput;
  format: string;
  width: number;
  height: number;
}

/** Decodes every PutObject body with sharp. */
async function written(): Promise<Written[]> {
  return Promise.all(
    puts().map(async (input) => {
      const bytes = await bytesOf(input.Body);
      let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
      try {
        meta = await sharp(bytes).metadata();
      } catch (error) {
        return expect.fail(
          `the object written to ${input.Key} is not an image sharp can decode (${describeError(error)})`,
        );
      }
      return { input, format: meta.format, width: meta.width, height: meta.height };
    }),
  );
}

/** thumbnails/<path under uploads/ without its extension>.<extension of the format> */
function expectThumbnailKey(thumbnail: Written, sourceKey: string) {
  const key = String(thumbnail.input.Key);
  const rest = sourceKey.slice('uploads/'.length);
  const stem = rest.slice(0, rest.lastIndexOf('.'));
  const extensions = MIME[thumbnail.format]?.extensions ?? [thumbnail.format];
  expect(
    extensions.map((ext) => `thumbnails/${stem}.${ext}`),
    `the thumbnail key for ${sourceKey} (a ${thumbnail.format} thumbnail)`,
  ).toContain(key);
}

/** The one thumbnail written for this source key. */
async function thumbnailOf(sourceKey: string): Promise<Written> {
  const rest = sourceKey.slice('uploads/'.length);
  const stem = `thumbnails/${rest.slice(0, rest.lastIndexOf('.'))}.`;
  const all = await written();
  const found = all.filter((w) => String(w.input.Key).startsWith(stem));
  expect(
    found.length,
    `thumbnails written for ${sourceKey} (keys written: ${JSON.stringify(all.map((w) => w.input.Key))})`,
  ).toBe(1);
  return found[0]!;
}

function expectSkipLogged(key: string, reason: string) {
  const lines = logs.json();
  const match = lines.some((line) => line.key === key && line.reason === reason);
  const seen = lines
    .filter((line) => 'reason' in line || 'key' in line)
    .map((line) => JSON.stringify({ key: line.key, reason: line.reason }));
  expect(
    match,
    `a JSON log line with "key": ${JSON.stringify(key)} and "reason": "${reason}" (logged: ${seen.join(', ') || 'none'})`,
  ).toBe(true);
}

describe('1. Make a thumbnail of each upload', () => {
  it('writes a thumbnail that fits in 200×200 under thumbnails/', async () => {
    // Prepare
    const event = s3Event([upload('uploads/cat.jpg', images.landscape)]);
    // Act
    await expectSuccess(pipeline(), event, 'an 800×600 JPEG upload');
    // Assess
    // Extra GetObject parameters (IfMatch with the event's eTag, ChecksumMode…) are fine.
    expect(gets(), 'GetObject requests for uploads/cat.jpg').toEqual([
      expect.objectContaining({ Bucket: BUCKET, Key: 'uploads/cat.jpg' }),
    ]);
    const thumbnail = await thumbnailOf('uploads/cat.jpg');
    expect(thumbnail.input.Bucket, 'the bucket the thumbnail is written to').toBe(BUCKET);
    expectThumbnailKey(thumbnail, 'uploads/cat.jpg');
    expect(
      Math.max(thumbnail.width, thumbnail.height),
      `the longer side of the thumbnail of an 800×600 image (it was ${thumbnail.width}×${thumbnail.height})`,
    ).toBe(200);
    expect(thumbnail.width <= 200 && thumbnail.height <= 200, 'the thumbnail fits in 200×200').toBe(
      true,
    );
  });

  it('keeps the aspect ratio and never enlarges a small image', async () => {
    const event = s3Event([
      upload('uploads/landscape.jpg', images.landscape),
      upload('uploads/portrait.jpg', images.portrait),
      upload('uploads/small.png', images.small),
    ]);
    await expectSuccess(pipeline(), event, 'three uploads');
    const size = async (key: string) => {
      const t = await thumbnailOf(key);
      return `${t.width}×${t.height}`;
    };
    expect(await size('uploads/landscape.jpg'), 'the thumbnail of an 800×600 image').toBe(
      '200×150',
    );
    expect(await size('uploads/portrait.jpg'), 'the thumbnail of a 600×1200 image').toBe('100×200');
    expect(
      await size('uploads/small.png'),
      'the thumbnail of a 120×80 image (already small: never enlarged)',
    ).toBe('120×80');
  });

  it("sets a ContentType that matches the thumbnail's format", async () => {
    const event = s3Event([
      upload('uploads/photo.jpg', images.landscape),
      upload('uploads/logo.png', images.transparent),
    ]);
    await expectSuccess(pipeline(), event, 'a JPEG and a PNG upload');
    for (const key of ['uploads/photo.jpg', 'uploads/logo.png']) {
      const thumbnail = await thumbnailOf(key);
      const expected = MIME[thumbnail.format]?.contentType ?? `image/${thumbnail.format}`;
      expect(
        thumbnail.input.ContentType,
        `ContentType of the thumbnail of ${key}, whose bytes are ${thumbnail.format}`,
      ).toBe(expected);
      expectThumbnailKey(thumbnail, key);
    }
  });
});

describe('2. Decode the object key', () => {
  it('turns + into a space and %2B into a plus sign', async () => {
    const key = 'uploads/my photo+1.jpg';
    const event = s3Event([upload(key, images.landscape)]);
    await invoke(pipeline(), event);
    expect(
      gets().map((input) => input.Key),
      `GetObject Key for the upload "${key}", which S3 sent as "${encodeS3Key(key)}"`,
    ).toEqual([key]);
    expectThumbnailKey(await thumbnailOf(key), key);
  });

  it('decodes percent-encoded UTF-8 in nested keys', async () => {
    const key = 'uploads/2026/11/crème_brûlée.png';
    const event = s3Event([upload(key, images.small)]);
    await invoke(pipeline(), event);
    expect(
      gets().map((input) => input.Key),
      `GetObject Key for the upload "${key}", which S3 sent as "${encodeS3Key(key)}"`,
    ).toEqual([key]);
    expectThumbnailKey(await thumbnailOf(key), key);
  });
});

describe('3. Never process your own output', () => {
  it('skips keys under thumbnails/ without reading or writing anything', async () => {
    const key = 'thumbnails/cat photo.webp';
    bucket.set(key, images.small);
    const event = s3Event([{ key, bucket: BUCKET, size: images.small.length }]);
    await expectSuccess(pipeline(), event, `an event for ${key} (skipping is not a failure)`);
    expect(gets(), `GetObject requests for ${key} (the function's own output)`).toEqual([]);
    expect(puts(), `PutObject requests for ${key} (the function's own output)`).toEqual([]);
    expectSkipLogged(key, 'own-output');
  });

  it('skips keys outside uploads/ as well', async () => {
    const key = 'avatars/ada.jpg';
    bucket.set(key, images.landscape);
    const event = s3Event([{ key, bucket: BUCKET, size: images.landscape.length }]);
    await expectSuccess(pipeline(), event, `an event for ${key}`);
    expect(gets(), `GetObject requests for ${key}, outside uploads/`).toEqual([]);
    expect(puts(), `PutObject requests for ${key}, outside uploads/`).toEqual([]);
    expectSkipLogged(key, 'not-an-upload');
  });
});

describe('4. Skip what you should not process', () => {
  it('skips a non-image upload without downloading it and logs why', async () => {
    const event = s3Event([
      upload('uploads/notes.txt', Buffer.from('hello')),
      upload('uploads/README', Buffer.from('no extension')),
      upload('uploads/IMG_0042.JPG', images.landscape),
    ]);
    await expectSuccess(pipeline(), event, 'a text file, a file without extension and a .JPG');
    expect(
      gets().map((input) => input.Key),
      'GetObject requests (only the image: an upper-case .JPG is still an image)',
    ).toEqual(['uploads/IMG_0042.JPG']);
    expectSkipLogged('uploads/notes.txt', 'not-an-image');
    expectSkipLogged('uploads/README', 'not-an-image');
  });

  it('skips an upload over the size limit before downloading it', async () => {
    const key = 'uploads/huge.jpg';
    const event = s3Event([upload(key, images.landscape, { size: 64 * 1024 * 1024 })]);
    await expectSuccess(pipeline({ maxBytes: 256 * 1024 }), event, 'an upload over the limit');
    expect(
      gets(),
      'GetObject requests for a 64 MiB upload with maxBytes 256 KiB (s3.object.size is in the event)',
    ).toEqual([]);
    expect(puts(), 'PutObject requests for an upload over the limit').toEqual([]);
    expectSkipLogged(key, 'too-large');
  });

  it('stops reading a body that grows past the size limit', async () => {
    // Prepare: the event says 1 KiB, but the object is now 4 MiB (overwritten since)
    const key = 'uploads/grown.jpg';
    const chunk = Buffer.alloc(64 * 1024, 0xff);
    let pulled = 0;
    let stream: Readable | undefined;
    bucket.set(key, () => {
      stream = Readable.from(
        (function* () {
          for (let i = 0; i < 64; i++) {
            pulled += chunk.length;
            yield chunk;
          }
        })(),
        { objectMode: false },
      );
      return stream;
    });
    const event = s3Event([{ key, bucket: BUCKET, size: 1024 }]);
    // Act
    await invoke(pipeline({ maxBytes: 256 * 1024 }), event);
    // Assess
    expect(gets().length, `GetObject requests for ${key}`).toBe(1);
    expect(
      pulled,
      'bytes read from a 4 MiB body with maxBytes 256 KiB (stop reading once it is too large)',
    ).toBeLessThanOrEqual(1024 * 1024);
    expect(
      stream?.destroyed,
      'the body stream is destroyed once you stop reading it (else its connection stays busy)',
    ).toBe(true);
    expect(puts(), 'PutObject requests for a body over the limit').toEqual([]);
    expectSkipLogged(key, 'too-large');
  });
});

describe('5. Handle every record of the event', () => {
  it('makes a thumbnail for every record of the event', async () => {
    const keys = ['uploads/a.jpg', 'uploads/b/c.png', 'uploads/d e.jpg'];
    const event = s3Event([
      upload(keys[0]!, images.landscape),
      upload(keys[1]!, images.transparent),
      upload(keys[2]!, images.portrait),
    ]);
    await expectSuccess(pipeline(), event, 'an event with three uploads');
    for (const key of keys) expectThumbnailKey(await thumbnailOf(key), key);
  });

  it('processes the other records when one fails, then fails the invocation', async () => {
    // Prepare: a corrupt "JPEG" and an S3 error between two good uploads
    const flaky = 'uploads/flaky.jpg';
    failingKeys.set(
      flaky,
      new S3ServiceException({
        name: 'InternalError',
        $fault: 'server',
        message: 'We encountered an internal error. Please try again.',
        $metadata: { httpStatusCode: 500 },
      }),
    );
    bucket.set(flaky, images.landscape);
    const event = s3Event([
      upload('uploads/first.jpg', images.landscape),
      upload('uploads/broken.jpg', Buffer.from('this is not a JPEG at all')),
      { key: flaky, bucket: BUCKET, size: images.landscape.length },
      upload('uploads/last.png', images.small),
    ]);
    // Act
    const outcome = await invoke(pipeline(), event);
    // Assess
    for (const key of ['uploads/first.jpg', 'uploads/last.png']) {
      expectThumbnailKey(await thumbnailOf(key), key);
    }
    expect(
      outcome.ok,
      'the invocation must fail (throw) when a record failed, so Lambda retries the event and finally sends it to the on-failure destination',
    ).toBe(false);
    const message = describeError((outcome as { error: unknown }).error);
    for (const key of ['uploads/broken.jpg', flaky]) {
      expect(message, `the thrown error's message names the failed upload ${key}`).toContain(key);
    }
  });
});
