/**
 * Lab 06 checks. Tasks 1–4 call the learner's middleware in Node; task 5 runs the very same
 * cases inside workerd (bundled by the global setup, see decision.ts), which has Web APIs only:
 * a middleware that needs Buffer, process or a node: module fails there.
 */
import * as lab from '@lab/lab-06-edge-middleware/worker/middleware.ts';
import { describe, expect, it } from 'vitest';
import { useWorker } from '../../testkit/workerd.ts';
import { type Decision, decide, type RequestSpec } from './decision.ts';

const ORIGIN = 'https://shop.example.com';
const worker = useWorker();

type Run = (spec: RequestSpec) => Promise<Decision>;

const inNode: Run = (spec) => decide(lab as unknown as Record<string, unknown>, spec);
const inWorkerd: Run = async (spec) => {
  const response = await worker().request('/', { method: 'POST', body: JSON.stringify(spec) });
  return (await response.json()) as Decision;
};

function request(
  path: string,
  options: { cookie?: string; country?: string; random?: number } = {},
): RequestSpec {
  const headers: Record<string, string> = {};
  if (options.cookie !== undefined) headers.cookie = options.cookie;
  if (options.country !== undefined) headers['x-vercel-ip-country'] = options.country;
  return { url: `${ORIGIN}${path}`, headers, random: options.random };
}

function describeSpec(spec: RequestSpec): string {
  const { cookie, 'x-vercel-ip-country': country } = spec.headers ?? {};
  const extras = [
    cookie !== undefined ? `cookie "${cookie}"` : 'no cookie',
    ...(country !== undefined ? [`country ${country}`] : []),
    ...(spec.random !== undefined ? [`random() = ${spec.random}`] : []),
  ];
  return `GET ${spec.url.slice(ORIGIN.length)} (${extras.join(', ')})`;
}

type Answer = Extract<Decision, { kind: 'none' | 'response' }>;

/** Runs one request; a throw or an odd return value fails the check with what happened. */
async function run(runtime: Run, where: string, spec: RequestSpec): Promise<[Answer, string]> {
  const what = `${describeSpec(spec)} ${where}`;
  const decision = await runtime(spec);
  if (decision.kind === 'threw')
    throw new Error(
      `${what}: the middleware threw ${decision.error}${where.includes('workerd') ? '. workerd has Web APIs only: no Buffer, process or node: modules (use TextEncoder, atob/btoa, crypto.subtle, URL, Headers).' : ''}`,
    );
  if (decision.kind === 'other')
    throw new Error(
      `${what}: the middleware returned ${decision.description}; return a Response (redirect, rewrite, next) or nothing.`,
    );
  return [decision, what];
}

function rewriteOf(answer: Answer): string | undefined {
  return answer.kind === 'response' ? answer.headers['x-middleware-rewrite'] : undefined;
}

function expectUntouched(answer: Answer, what: string): void {
  if (answer.kind === 'none') return;
  expect(answer.headers.location, `${what}: no redirect (Location)`).toBeUndefined();
  expect(rewriteOf(answer), `${what}: no rewrite (x-middleware-rewrite)`).toBeUndefined();
  expect(
    answer.headers['x-middleware-next'],
    `${what}: return nothing, or next() (x-middleware-next: 1) to carry on; any other Response replaces the page (this one has status ${answer.status})`,
  ).toBe('1');
  expect(answer.setCookies, `${what}: no Set-Cookie`).toEqual([]);
}

function expectRewrite(answer: Answer, what: string, pathAndQuery: string): void {
  const rewrite = rewriteOf(answer);
  expect(rewrite, `${what}: a rewrite (x-middleware-rewrite header)`).toBeDefined();
  expect(
    answer.kind === 'response' && answer.headers.location,
    `${what}: a rewrite, not a redirect`,
  ).toBeFalsy();
  const url = new URL(rewrite!, ORIGIN);
  expect(url.origin, `${what}: the rewrite stays on the site's origin`).toBe(ORIGIN);
  expect(`${url.pathname}${url.search}`, `${what}: where the request is rewritten to`).toBe(
    pathAndQuery,
  );
}

function expectLoginRedirect(answer: Answer, what: string, next: string): void {
  expect(answer.kind, `${what}: a redirect Response`).toBe('response');
  const response = answer as Extract<Answer, { kind: 'response' }>;
  expect(
    [302, 303, 307],
    `${what}: status of the redirect (a temporary one, 307; a permanent 301/308 would be cached by browsers)`,
  ).toContain(response.status);
  const location = response.headers.location;
  expect(location, `${what}: Location header`).toBeDefined();
  const url = new URL(location!, ORIGIN);
  expect(url.origin, `${what}: the redirect stays on the site's origin`).toBe(ORIGIN);
  expect(url.pathname, `${what}: the redirect goes to /login`).toBe('/login');
  expect(
    [...url.searchParams.keys()],
    `${what}: the login URL has one parameter, next (was the original query encoded?)`,
  ).toEqual(['next']);
  expect(url.searchParams.get('next'), `${what}: the next parameter, decoded`).toBe(next);
}

interface Cookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

function parseSetCookie(line: string): Cookie {
  const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
  const eq = pair.indexOf('=');
  return {
    name: pair.slice(0, eq),
    value: pair.slice(eq + 1),
    attributes: new Map(
      attributes.map((a) => {
        const i = a.indexOf('=');
        return i === -1
          ? [a.toLowerCase(), '']
          : [a.slice(0, i).trim().toLowerCase(), a.slice(i + 1).trim()];
      }),
    ),
  };
}

function bucketCookies(answer: Answer): Cookie[] {
  return answer.kind === 'response'
    ? answer.setCookies.map(parseSetCookie).filter((c) => c.name === 'ab-pricing')
    : [];
}

function expectBucket(answer: Answer, what: string, bucket: 'a' | 'b', assigned: boolean): void {
  expectRewrite(answer, what, `/pricing/${bucket}`);
  const cookies = bucketCookies(answer);
  if (assigned) {
    expect(cookies.length, `${what}: one Set-Cookie for ab-pricing`).toBe(1);
    expect(cookies[0]!.value, `${what}: the bucket in the ab-pricing cookie`).toBe(bucket);
  } else {
    for (const cookie of cookies)
      expect(cookie.value, `${what}: a returning visitor keeps bucket ${bucket}`).toBe(bucket);
  }
}

// The behaviours, written once and run in Node (tasks 1–4) and in workerd (task 5).

async function redirectsWithoutSession(runtime: Run, where: string) {
  for (const cookie of [undefined, 'theme=dark', 'session=', 'theme=dark; last-session=abc']) {
    const [answer, what] = await run(runtime, where, request('/dashboard', { cookie }));
    expectLoginRedirect(answer, what, '/dashboard');
  }
}

async function keepsPathAndQuery(runtime: Run, where: string) {
  const path = '/dashboard/reports?range=7d&team=a%20b';
  const [answer, what] = await run(runtime, where, request(path));
  expectLoginRedirect(answer, what, path);
  const [nested, nestedWhat] = await run(runtime, where, request('/dashboard/settings/billing'));
  expectLoginRedirect(nested, nestedWhat, '/dashboard/settings/billing');
}

async function letsSessionThrough(runtime: Run, where: string) {
  for (const path of ['/dashboard', '/dashboard/reports?range=7d']) {
    const [answer, what] = await run(
      runtime,
      where,
      request(path, { cookie: 'theme=dark; session=s3cr3t-t0ken' }),
    );
    expectUntouched(answer, what);
  }
}

async function assignsBucket(runtime: Run, where: string) {
  for (const [random, bucket] of [
    [0, 'a'],
    [0.2, 'a'],
    [0.49, 'a'],
    [0.5, 'b'],
    [0.7, 'b'],
    [0.99, 'b'],
  ] as const) {
    const [answer, what] = await run(runtime, where, request('/pricing', { random }));
    expectBucket(answer, what, bucket, true);
  }
  const [withQuery, what] = await run(
    runtime,
    where,
    request('/pricing?plan=team', { random: 0.7 }),
  );
  expectRewrite(withQuery, what, '/pricing/b?plan=team');
}

async function setsCookieAttributes(runtime: Run, where: string) {
  const [answer, what] = await run(runtime, where, request('/pricing', { random: 0.2 }));
  const [cookie] = bucketCookies(answer);
  expect(cookie, `${what}: a Set-Cookie for ab-pricing`).toBeDefined();
  const attributes = cookie!.attributes;
  expect(attributes.get('path'), `${what}: Path of the cookie (the whole site)`).toBe('/');
  const maxAge = Number(attributes.get('max-age'));
  expect(maxAge, `${what}: Max-Age of the cookie, in seconds (30 days)`).toBe(60 * 60 * 24 * 30);
  expect(attributes.get('samesite')?.toLowerCase(), `${what}: SameSite of the cookie`).toBe('lax');
  expect(attributes.has('httponly'), `${what}: the cookie is HttpOnly`).toBe(true);
  expect(attributes.has('secure'), `${what}: the cookie is Secure`).toBe(true);
}

async function keepsReturningBucket(runtime: Run, where: string) {
  for (const [cookie, bucket] of [
    ['ab-pricing=b', 'b'],
    ['theme=dark; ab-pricing=b; session=x', 'b'],
    ['ab-pricing=a', 'a'],
  ] as const) {
    for (const random of [0.1, 0.9]) {
      const [answer, what] = await run(runtime, where, request('/pricing', { cookie, random }));
      expectBucket(answer, what, bucket, false);
    }
  }
}

async function replacesInvalidBucket(runtime: Run, where: string) {
  for (const [cookie, random, bucket] of [
    ['ab-pricing=admin', 0.7, 'b'],
    ['ab-pricing=', 0.2, 'a'],
    ['ab-pricing=A', 0.7, 'b'],
    ['old-ab-pricing=b', 0.2, 'a'],
  ] as const) {
    const [answer, what] = await run(runtime, where, request('/pricing', { cookie, random }));
    expectBucket(answer, what, bucket, true);
  }
}

async function rewritesByCountry(runtime: Run, where: string) {
  for (const [country, path, target] of [
    ['DE', '/', '/de'],
    ['AT', '/', '/de'],
    ['FR', '/', '/fr'],
    ['DE', '/?utm_source=mail', '/de?utm_source=mail'],
  ] as const) {
    const [answer, what] = await run(runtime, where, request(path, { country }));
    expectRewrite(answer, what, target);
  }
}

async function passesOtherCountries(runtime: Run, where: string) {
  for (const spec of [
    request('/', { country: 'US' }),
    request('/', { country: 'JP' }),
    request('/'),
    request('/about', { country: 'DE' }),
  ]) {
    const [answer, what] = await run(runtime, where, spec);
    expectUntouched(answer, what);
  }
}

async function leavesTheRestAlone(runtime: Run, where: string) {
  for (const spec of [
    request('/api/pricing', { country: 'DE', random: 0.2 }),
    request('/api/dashboard/stats'),
    request('/api', { country: 'FR' }),
    request('/favicon.ico', { country: 'DE' }),
    request('/_next/static/chunks/main-3f2a.js'),
    request('/static/pricing.css'),
    request('/images/pricing/hero.png', { country: 'FR' }),
    request('/dashboard-tour'),
    request('/about-us', { country: 'DE' }),
  ]) {
    const [answer, what] = await run(runtime, where, spec);
    expectUntouched(answer, what);
  }
}

describe('1. Protect the dashboard', () => {
  it('redirects a visitor without a session to the login page', async () => {
    await redirectsWithoutSession(inNode, 'in Node');
  });

  it('keeps the original path and query in an encoded next parameter', async () => {
    await keepsPathAndQuery(inNode, 'in Node');
  });

  it('lets a visitor with a session cookie through', async () => {
    await letsSessionThrough(inNode, 'in Node');
  });
});

describe('2. Assign a sticky A/B bucket', () => {
  it('assigns a bucket from the random source and rewrites to its variant', async () => {
    await assignsBucket(inNode, 'in Node');
  });

  it('sets the bucket cookie for the whole site, for 30 days, Lax, HttpOnly and Secure', async () => {
    await setsCookieAttributes(inNode, 'in Node');
  });

  it('keeps the bucket of a returning visitor', async () => {
    await keepsReturningBucket(inNode, 'in Node');
  });

  it('replaces a bucket cookie that is not a valid bucket', async () => {
    await replacesInvalidBucket(inNode, 'in Node');
  });
});

describe('3. Rewrite by country', () => {
  it("rewrites the home page to the visitor's country site", async () => {
    await rewritesByCountry(inNode, 'in Node');
  });

  it('passes visitors from other or unknown countries through', async () => {
    await passesOtherCountries(inNode, 'in Node');
  });
});

describe('4. Leave everything else alone', () => {
  it('passes API routes, static assets and other pages through untouched', async () => {
    await leavesTheRestAlone(inNode, 'in Node');
  });
});

describe('5. Run it at the edge', () => {
  // The Worker is bundled without Node built-ins and loaded in workerd: a node: import, or module
  // code that touches Buffer or process, fails every check below with the reason.
  it('protects the dashboard in workerd too', async () => {
    await redirectsWithoutSession(inWorkerd, 'in workerd');
    await keepsPathAndQuery(inWorkerd, 'in workerd');
    await letsSessionThrough(inWorkerd, 'in workerd');
  });

  it('assigns and keeps A/B buckets in workerd too', async () => {
    await assignsBucket(inWorkerd, 'in workerd');
    await setsCookieAttributes(inWorkerd, 'in workerd');
    await keepsReturningBucket(inWorkerd, 'in workerd');
    await replacesInvalidBucket(inWorkerd, 'in workerd');
  });

  it('rewrites by country and leaves the rest alone in workerd too', async () => {
    await rewritesByCountry(inWorkerd, 'in workerd');
    await passesOtherCountries(inWorkerd, 'in workerd');
    await leavesTheRestAlone(inWorkerd, 'in workerd');
  });
});
