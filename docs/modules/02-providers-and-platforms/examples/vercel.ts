/**
 * Module 2 example: Vercel. A Vercel Function with the Web-standard signature, and the
 * decision logic of a Routing Middleware kept as a pure function (the middleware file itself
 * only turns the decision into a response).
 */

// #region function
// api/greeting.ts: one exported function per HTTP method, Request in, Response out.
export function GET(request: Request): Response {
  const name = new URL(request.url).searchParams.get('name') ?? 'world';
  return Response.json(
    { message: `Hello, ${name}!` },
    // Let Vercel's CDN cache the answer for a minute: most requests never reach the function.
    { headers: { 'cache-control': 'public, s-maxage=60' } },
  );
}
// #endregion function

// #region routing
export type Decision =
  | { action: 'continue' }
  | { action: 'redirect'; location: string }
  | { action: 'rewrite'; pathname: string };

/** What the middleware should do with a request: runs before the cache, on every match. */
export function decide(request: Request): Decision {
  const url = new URL(request.url);
  const cookies = request.headers.get('cookie') ?? '';
  if (url.pathname.startsWith('/dashboard') && !/(?:^|;\s*)session=[^;]+/.test(cookies)) {
    const login = new URL('/login', url);
    login.searchParams.set('next', url.pathname);
    return { action: 'redirect', location: login.toString() };
  }
  // Vercel adds the visitor's country as a request header; geolocation() from
  // @vercel/functions reads the same header (request.geo no longer exists).
  const country = request.headers.get('x-vercel-ip-country');
  if (country === 'DE' && !url.pathname.startsWith('/de/')) {
    return { action: 'rewrite', pathname: `/de${url.pathname}` };
  }
  return { action: 'continue' };
}
// #endregion routing
