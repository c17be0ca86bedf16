/**
 * Property: whatever path, cookies, country header and random value arrive, the lab-06
 * reference middleware never throws, and every decision is well-formed: a 307 to /login on the
 * same origin with the original URL in `next`, a same-origin rewrite, or a pass-through; an A/B
 * cookie it sets is always a valid bucket, the one it rewrites to.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import middleware from '../../../solutions/lab-06-edge-middleware/worker/middleware.ts';

const ORIGIN = 'https://shop.example.com';
const printable = fc.stringMatching(/^[\x20-\x7e]{0,30}$/);
const segment = fc.oneof(
  fc.constantFrom('dashboard', 'pricing', 'api', '_next', 'static', 'favicon.ico', 'de', ''),
  fc.string({ maxLength: 10 }).map(encodeURIComponent),
);
const path = fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
const cookie = fc.oneof(
  printable,
  fc.constantFrom(
    'session=abc',
    'ab-pricing=a',
    'ab-pricing=b',
    'ab-pricing=zz',
    'session=; ab-pricing=',
  ),
);

describe('lab-06 reference middleware', () => {
  it('never throws and makes only well-formed, same-origin decisions', async () => {
    await fc.assert(
      fc.asyncProperty(
        path,
        fc.option(printable.map(encodeURIComponent), { nil: undefined }),
        fc.option(cookie, { nil: undefined }),
        fc.option(fc.oneof(fc.constantFrom('DE', 'AT', 'FR', 'US'), printable), { nil: undefined }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        async (p, q, c, country, random) => {
          const url = `${ORIGIN}${p}${q === undefined ? '' : `?q=${q}`}`;
          const headers: Record<string, string> = {};
          if (c !== undefined) headers.cookie = c;
          if (country !== undefined) headers['x-vercel-ip-country'] = country;
          const request = new Request(url, { headers });
          const result = await middleware(request, { random: () => random });
          if (result === undefined) return;
          const location = result.headers.get('location');
          const rewrite = result.headers.get('x-middleware-rewrite');
          if (location !== null) {
            const target = new URL(location);
            expect(result.status).toBe(307);
            expect(target.origin).toBe(ORIGIN);
            expect(target.pathname).toBe('/login');
            const original = new URL(request.url);
            expect(target.searchParams.get('next')).toBe(`${original.pathname}${original.search}`);
            return;
          }
          expect(rewrite).not.toBeNull();
          const target = new URL(rewrite!);
          expect(target.origin).toBe(ORIGIN);
          for (const line of result.headers.getSetCookie()) {
            expect(line).toMatch(/^ab-pricing=(a|b); Path=\//);
            expect(target.pathname).toBe(
              `/pricing/${line.slice('ab-pricing='.length, 'ab-pricing='.length + 1)}`,
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
