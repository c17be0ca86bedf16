/**
 * Lab 06 reference solution: routing middleware written against Web-standard Request, Response,
 * URL and Headers only, so the same file runs on Node.js and in an edge runtime (workerd, the
 * Vercel edge runtime). It decides; the platform carries the decision out.
 */
import { rewrite } from './vercel-functions.ts';

export interface MiddlewareOptions {
  /** Where A/B buckets come from; injectable so tests are deterministic. */
  random?: () => number;
}

/** Session cookie: its presence (non-empty) means "signed in" for this lab. */
const SESSION_COOKIE = 'session';
const BUCKET_COOKIE = 'ab-pricing';
const BUCKETS = ['a', 'b'] as const;
type Bucket = (typeof BUCKETS)[number];
const BUCKET_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;
/** Countries with a localised home page, by the ISO 3166-1 code Vercel's edge sends. */
const LOCALES: Record<string, string> = { DE: 'de', AT: 'de', FR: 'fr' };

/** Reads one cookie by exact name (not a substring: `old-ab-pricing` is another cookie). */
function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

// #region passthrough
/** API routes and files are none of this middleware's business: never redirect or rewrite them. */
function isPage(pathname: string): boolean {
  if (/^\/(api|_next|static)(\/|$)/.test(pathname)) return false;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return !last.includes('.'); // favicon.ico, logo.png, robots.txt …
}
// #endregion passthrough

// #region auth
function requireSession(request: Request, url: URL): Response | undefined {
  if (readCookie(request, SESSION_COOKIE)) return undefined;
  const login = new URL('/login', url.origin);
  // searchParams.set encodes the value, so the original query survives as one parameter.
  login.searchParams.set('next', `${url.pathname}${url.search}`);
  // 307: temporary (browsers must not cache it), and the method is kept.
  return Response.redirect(login.toString(), 307);
}
// #endregion auth

// #region ab
function pricingExperiment(request: Request, url: URL, random: () => number): Response {
  const current = readCookie(request, BUCKET_COOKIE);
  // Only a value we issued is a bucket; anything else (tampered, stale, empty) is reassigned.
  const known = BUCKETS.find((bucket) => bucket === current);
  const bucket: Bucket = known ?? (random() < 0.5 ? 'a' : 'b');
  const destination = new URL(`/pricing/${bucket}${url.search}`, url.origin);
  if (known) return rewrite(destination);
  const cookie = [
    `${BUCKET_COOKIE}=${bucket}`,
    'Path=/', // the whole site, not just the path that set it
    `Max-Age=${BUCKET_MAX_AGE_SECONDS}`,
    'SameSite=Lax',
    'HttpOnly', // only the server reads it
    'Secure',
  ].join('; ');
  return rewrite(destination, { headers: { 'set-cookie': cookie } });
}
// #endregion ab

export default function middleware(
  request: Request,
  options: MiddlewareOptions = {},
): Response | undefined {
  const url = new URL(request.url);
  const { pathname } = url;
  if (!isPage(pathname)) return undefined;
  if (pathname === '/dashboard' || pathname.startsWith('/dashboard/'))
    return requireSession(request, url);
  if (pathname === '/pricing')
    return pricingExperiment(request, url, options.random ?? Math.random);
  // #region geo
  if (pathname === '/') {
    // request.geo is gone (Next.js 15); the platform sends the country as a header.
    const locale = LOCALES[request.headers.get('x-vercel-ip-country') ?? ''];
    if (locale) return rewrite(new URL(`/${locale}${url.search}`, url.origin));
  }
  // #endregion geo
  // Nothing to do: returning nothing lets the request through unchanged. (Use next() from
  // vercel-functions.ts instead when you need to add a response header on the way.)
  return undefined;
}
