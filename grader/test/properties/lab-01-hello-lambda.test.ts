/**
 * Property: the lab-01 reference handler never throws, whatever API Gateway (or a
 * misconfigured caller) sends; it always answers with a proxy response.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../solutions/lab-01-hello-lambda/src/handler.ts';
import { apiGatewayV1Event, apiGatewayV2Event, lambdaContext } from '../../testkit/index.ts';

const method = fc.oneof(
  fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'get', ''),
  fc.string(),
);
const body = fc.option(
  fc.oneof(
    fc.string(),
    fc.json(),
    fc.object().map((o) => JSON.stringify(o)),
  ),
  { nil: undefined },
);
const query = fc.option(fc.dictionary(fc.string(), fc.string()), { nil: undefined });

/** A realistic event of either format, then with any field replaced by anything. */
const event = fc
  .record({
    method,
    body,
    query,
    base64: fc.boolean(),
    v2: fc.boolean(),
    name: fc.option(fc.string(), { nil: undefined }),
  })
  .map(({ v2, name, ...spec }) =>
    (v2 ? apiGatewayV2Event : apiGatewayV1Event)({
      ...spec,
      pathParameters: name === undefined ? undefined : { name },
    }),
  )
  .chain((e) =>
    fc
      .record({
        key: fc.constantFrom(...Object.keys(e)),
        value: fc.anything(),
        mangle: fc.boolean(),
      })
      .map(({ key, value, mangle }) => (mangle ? { ...e, [key]: value } : e)),
  );

describe('lab-01 reference handler', () => {
  it('never throws on malformed events and always returns a status code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(event, fc.anything()), async (e) => {
        const response = await handler(e as never, lambdaContext());
        expect(Number.isInteger(response.statusCode)).toBe(true);
        expect(typeof response.body).toBe('string');
      }),
      { numRuns: 400 },
    );
  });
});
