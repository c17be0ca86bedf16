/**
 * Lab 06 — edge middleware. Read the lab text first: labs/lab-06-edge-middleware/README.md.
 * Grade your work with: npm run grade lab-06
 *
 * Use Web-standard APIs only (Request, Response, URL, Headers, TextEncoder, crypto.subtle): the
 * grader runs this file in Node.js and in workerd, an edge runtime with no Node.js APIs.
 */
import { next, rewrite } from './vercel-functions.ts';

export interface MiddlewareOptions {
  /** Where A/B buckets come from; injectable so tests are deterministic. */
  random?: () => number;
}

// TODO(lab-06): task 4 — API routes (/api), framework files (/_next), /static and any file (a
// last path segment with a dot) are never touched: return undefined for them first.

// TODO(lab-06): task 1 — /dashboard and everything under it needs a non-empty "session" cookie;
// without one, redirect (307) to /login?next=<the original path and query, encoded>.

// TODO(lab-06): task 2 — /pricing is an A/B test: keep a valid "ab-pricing" cookie (a or b), or
// assign one with options.random (below 0.5 is a) and set it for the whole site for 30 days,
// SameSite=Lax, HttpOnly, Secure; rewrite to /pricing/a or /pricing/b.

// TODO(lab-06): task 3 — rewrite / to /de (countries DE, AT) or /fr (FR), from the
// x-vercel-ip-country header; any other country, or none, passes through.

export default function middleware(
  request: Request,
  options: MiddlewareOptions = {},
): Response | undefined {
  // Returning nothing lets the request through unchanged; next() does too, with extra headers.
  return new Response('Not implemented yet: see TODO(lab-06) in worker/middleware.ts', {
    status: 501,
  });
}
