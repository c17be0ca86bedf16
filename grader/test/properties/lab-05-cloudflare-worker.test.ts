/**
 * Property: the lab-05 reference Worker, bundled and running in workerd, never throws whatever
 * it is sent: every answer is a deliberate status (200, 204, 400, 404, 405) with a JSON body
 * (but 204), never an uncaught exception (the grader's entry marks those).
 */
import path from 'node:path';
import fc from 'fast-check';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForWorkerd, moduleWorkerEntry } from '../../testkit/workerd-host.ts';
import { ROOT } from '../helpers.ts';

const solution = path.join(ROOT, 'solutions', 'lab-05-cloudflare-worker');
let mf: Miniflare;

beforeAll(async () => {
  const entry = moduleWorkerEntry({
    main: 'worker/index.ts',
    durableObjects: ['Counter'],
    token: 'property',
  });
  const bundle = await bundleForWorkerd(solution, entry, [path.join(ROOT, 'node_modules')]);
  if ('problem' in bundle) throw new Error(bundle.problem);
  mf = new Miniflare({
    modules: true,
    script: bundle.script,
    compatibilityDate: '2026-04-01',
    kvNamespaces: ['NOTES'],
    durableObjects: { COUNTER: { className: 'Counter', useSQLite: true } },
  });
  await mf.ready;
});
afterAll(() => mf?.dispose());

const segment = fc.oneof(
  fc.constantFrom('notes', 'counters', 'a', '', '..', '%', '%E0%A4%A', 'x'.repeat(80)),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const pathname = fc.oneof(
  fc.tuple(fc.constantFrom('/notes', '/counters'), segment).map(([base, s]) => `${base}/${s}`),
  fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
);
const query = fc.oneof(
  fc.constant(''),
  fc
    .record({
      prefix: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      limit: fc.option(
        fc.oneof(fc.integer({ min: -5, max: 2000 }).map(String), fc.string({ maxLength: 4 })),
        {
          nil: undefined,
        },
      ),
      cursor: fc.option(fc.string({ maxLength: 16 }), { nil: undefined }),
    })
    .map((q) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, v);
      return `?${params}`;
    }),
);
const body = fc.option(
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.json(),
    fc.record({ text: fc.anything() }).map((o) => JSON.stringify(o)),
  ),
  { nil: undefined },
);
const method = fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS');

describe('lab-05 reference Worker', () => {
  it('answers every request with a deliberate status and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(method, pathname, query, body, async (m, p, q, b) => {
        const response = await mf.dispatchFetch(`http://localhost${p}${q}`, {
          method: m,
          body: m === 'GET' ? undefined : b,
        });
        const text = await response.text();
        expect(response.headers.get('x-grader-problem'), text).toBeNull();
        expect([200, 204, 400, 404, 405]).toContain(response.status);
        if (response.status !== 204) expect(() => JSON.parse(text)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });
});
