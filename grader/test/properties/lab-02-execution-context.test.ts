/**
 * Property: the lab-02 reference handler never throws on malformed events and always reports
 * its execution-context fields.
 */
import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/util-stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../solutions/lab-02-execution-context/src/handler.ts';
import { lambdaContext, mockClient } from '../../testkit/index.ts';

const s3 = mockClient(S3Client);
s3.on(GetObjectCommand).callsFake(() => ({
  Body: sdkStreamMixin(Readable.from([Buffer.from('x')])),
}));

const event = fc.oneof(
  fc.anything(),
  fc.record(
    {
      action: fc.oneof(fc.constantFrom('status', 'greet', 'read'), fc.string(), fc.anything()),
      name: fc.anything(),
      key: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

describe('lab-02 reference handler', () => {
  it('never throws on malformed events and always answers with its context fields', async () => {
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        const reply = await handler(e as never, lambdaContext());
        expect(typeof reply.coldStart).toBe('boolean');
        expect(Number.isInteger(reply.invocation)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
