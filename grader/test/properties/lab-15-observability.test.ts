/**
 * Properties of lab 15: the EMF validator (grader/testkit/emf.ts) accepts the specification's own
 * example and rejects each mistake the lab teaches; and whatever event arrives, the reference
 * handler never throws, prints only JSON lines, and exactly one valid EMF document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandler } from '../../../solutions/lab-15-observability/src/handler.ts';
import { emfMetrics, emfProblems, isEmfDocument } from '../../testkit/emf.ts';
import {
  apiGatewayV1Event,
  apiGatewayV2Event,
  captureLogs,
  lambdaContext,
} from '../../testkit/index.ts';

const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);

/** The example of the EMF specification, with a current timestamp. */
function specExample(): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: NOW,
      CloudWatchMetrics: [
        {
          Namespace: 'lambda-function-metrics',
          Dimensions: [['functionVersion']],
          Metrics: [{ Name: 'time', Unit: 'Milliseconds' }],
        },
      ],
    },
    functionVersion: '$LATEST',
    time: 100,
    requestId: '989ffbf8-9ace-4817-a57c-e4dd734019ee',
  };
}

describe('the EMF validator', () => {
  it('accepts the specification example and arrays of values', () => {
    expect(emfProblems(specExample(), { now: NOW })).toEqual([]);
    expect(emfProblems({ ...specExample(), time: [1, 2, 3] }, { now: NOW })).toEqual([]);
    expect(emfMetrics(specExample())).toEqual([
      {
        name: 'time',
        unit: 'Milliseconds',
        values: [100],
        namespace: 'lambda-function-metrics',
        dimensionSets: [['functionVersion']],
      },
    ]);
  });

  it('rejects each mistake the lab teaches', () => {
    const mutate = (change: (doc: Record<string, unknown>) => void) => {
      const doc = structuredClone(specExample());
      change(doc);
      return emfProblems(doc, { now: NOW });
    };
    const aws = (doc: Record<string, unknown>) =>
      doc._aws as { Timestamp: number; CloudWatchMetrics: Record<string, unknown>[] };
    const directive = (doc: Record<string, unknown>) => aws(doc).CloudWatchMetrics[0]!;
    const cases: [string, (doc: Record<string, unknown>) => void][] = [
      [
        'Timestamp in seconds',
        (d) => {
          aws(d).Timestamp = Math.floor(NOW / 1000);
        },
      ],
      [
        'Timestamp as a string',
        (d) => {
          (aws(d) as Record<string, unknown>).Timestamp = String(NOW);
        },
      ],
      [
        'metric value inside _aws',
        (d) => {
          delete d.time;
          (d._aws as Record<string, unknown>).time = 100;
        },
      ],
      [
        'missing dimension value',
        (d) => {
          delete d.functionVersion;
        },
      ],
      [
        'numeric dimension value',
        (d) => {
          d.functionVersion = 1;
        },
      ],
      [
        'unit not in the list',
        (d) => {
          directive(d).Metrics = [{ Name: 'time', Unit: 'ms' }];
        },
      ],
      [
        'lower-case unit',
        (d) => {
          directive(d).Metrics = [{ Name: 'time', Unit: 'count' }];
        },
      ],
      [
        'string metric value',
        (d) => {
          d.time = '100';
        },
      ],
      [
        'too many values',
        (d) => {
          d.time = Array.from({ length: 101 }, () => 1);
        },
      ],
      [
        '31 dimensions',
        (d) => {
          const names = Array.from({ length: 31 }, (_, i) => `d${i}`);
          for (const n of names) d[n] = 'x';
          directive(d).Dimensions = [names];
        },
      ],
      [
        '101 metrics',
        (d) => {
          directive(d).Metrics = Array.from({ length: 101 }, (_, i) => ({ Name: `m${i}` }));
          for (let i = 0; i < 101; i++) d[`m${i}`] = 1;
        },
      ],
      [
        'Dimensions not nested',
        (d) => {
          directive(d).Dimensions = ['functionVersion'];
        },
      ],
      [
        'no Namespace',
        (d) => {
          delete directive(d).Namespace;
        },
      ],
      [
        'an extra member in a directive',
        (d) => {
          directive(d).Unit = 'Count';
        },
      ],
      [
        'no CloudWatchMetrics',
        (d) => {
          (d._aws as Record<string, unknown>).CloudWatchMetrics = [];
        },
      ],
    ];
    for (const [what, change] of cases) expect(mutate(change), what).not.toEqual([]);
    expect(emfProblems('not an object')).not.toEqual([]);
  });
});

describe('lab-15 reference handler', () => {
  it('never throws, prints only JSON lines and exactly one valid EMF document per invocation', async () => {
    const handler = createHandler({ random: () => 0.5 });
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc.record({
        customerId: fc.oneof(fc.string(), fc.anything()),
        items: fc.oneof(
          fc.array(
            fc.record({
              sku: fc.oneof(fc.string(), fc.anything()),
              quantity: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.anything()),
              unitPriceCents: fc.oneof(fc.integer({ min: -2, max: 10_000 }), fc.anything()),
            }),
            { maxLength: 3 },
          ),
          fc.anything(),
        ),
      }),
    );
    const event = fc.oneof(
      fc
        .record({ body, headers: fc.dictionary(fc.string(), fc.string()), v2: fc.boolean() })
        .map((e) =>
          (e.v2 ? apiGatewayV2Event : apiGatewayV1Event)({
            method: 'POST',
            path: '/orders',
            body: e.body as object,
            headers: e.headers,
          }),
        ),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        const capture = captureLogs();
        let result: Awaited<ReturnType<typeof handler>>;
        try {
          result = await handler(e as never, lambdaContext());
        } finally {
          capture.restore();
        }
        expect([201, 400]).toContain(result.statusCode);
        const texts = capture.texts().filter((t) => t.trim() !== '');
        const lines = capture.json();
        expect(lines.length).toBe(texts.length);
        const emf = lines.filter(isEmfDocument);
        expect(emf).toHaveLength(1);
        expect(emfProblems(emf[0], { now: Date.now() })).toEqual([]);
      }),
      { numRuns: 250 },
    );
  });
});
