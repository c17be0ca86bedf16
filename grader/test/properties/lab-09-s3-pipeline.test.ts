/**
 * Properties of the lab-09 reference pipeline:
 * - decodeKey undoes S3's form encoding of any key (spaces, plus signs, any Unicode);
 * - events the function must not process (its own output, other prefixes, non-images, objects
 *   over the limit) never reach S3 and never fail the invocation;
 * - whatever arrives, the handler resolves or rejects with its own ThumbnailFailures, never a
 *   TypeError from a missing field.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHandler,
  decodeKey,
  ThumbnailFailures,
} from '../../../solutions/lab-09-s3-pipeline/src/handler.ts';
import {
  captureLogs,
  encodeS3Key,
  type LogCapture,
  lambdaContext,
  mockClient,
  s3Event,
} from '../../testkit/index.ts';

const s3 = mockClient(S3Client);

let logs: LogCapture;
beforeEach(() => {
  logs = captureLogs();
  s3.reset();
  s3.on(GetObjectCommand).rejects(new Error('GetObject must not be called'));
  s3.on(PutObjectCommand).rejects(new Error('PutObject must not be called'));
});
afterEach(() => logs.restore());

const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });

describe('lab-09 decodeKey', () => {
  it('undoes the encoding S3 applies to any key', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (parts) => {
        const key = parts.join('/');
        expect(decodeKey(encodeS3Key(key))).toBe(key);
      }),
      { numRuns: 500 },
    );
  });
});

describe('lab-09 reference handler', () => {
  const maxBytes = 1024;
  const ignored = fc.oneof(
    segment.map((name) => ({ key: `thumbnails/${name}.webp`, size: 10 })),
    segment.map((name) => ({ key: `elsewhere/${name}.jpg`, size: 10 })),
    segment
      .filter((name) => !/\.(jpe?g|png|webp|gif|avif|tiff?)$/i.test(name))
      .map((name) => ({ key: `uploads/${name}`, size: 10 })),
    fc
      .tuple(segment, fc.integer({ min: maxBytes + 1, max: 2 ** 40 }))
      .map(([name, size]) => ({ key: `uploads/${name}.jpg`, size })),
  );

  it('never touches S3 nor fails for events it must not process', async () => {
    const handler = createHandler({ maxBytes });
    await fc.assert(
      fc.asyncProperty(fc.array(ignored, { maxLength: 6 }), async (objects) => {
        const result = await handler(s3Event(objects), lambdaContext());
        expect(result.thumbnails).toEqual([]);
        expect(result.skipped.length).toBe(objects.length);
        expect(s3.calls().length).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('resolves or rejects with ThumbnailFailures, whatever arrives', async () => {
    const handler = createHandler({ maxBytes });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.anything(), fc.record({ Records: fc.array(fc.anything(), { maxLength: 4 }) })),
        async (event) => {
          try {
            await handler(event as never, lambdaContext());
          } catch (error) {
            expect(error).toBeInstanceOf(ThumbnailFailures);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
