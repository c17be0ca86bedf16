/**
 * Stand-ins for the two routing helpers of `@vercel/functions`, so this lab needs no platform
 * package. In a Vercel project, write `import { next, rewrite } from '@vercel/functions'`
 * instead: these behave the same way.
 *
 * Routing Middleware tells the platform what to do with the request through the Response it
 * returns: a redirect (status 3xx + Location), a rewrite (the `x-middleware-rewrite` header: serve
 * another URL, the browser's address bar does not change), or carry on (`x-middleware-next: 1`,
 * or return nothing at all). Headers you add, such as Set-Cookie, reach the browser.
 */

/** Serve `destination` (same origin) instead of the requested URL. */
export function rewrite(destination: string | URL, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('x-middleware-rewrite', String(destination));
  return new Response(null, { ...init, headers });
}

/** Carry on with the request as it is, adding the response headers in `init`. */
export function next(init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('x-middleware-next', '1');
  return new Response(null, { ...init, headers });
}
