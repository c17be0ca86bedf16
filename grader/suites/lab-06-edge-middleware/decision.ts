/**
 * Calls the learner's middleware on one request and describes what it decided, as plain JSON.
 * The same code runs in Node (imported by the checks) and in workerd (bundled into the Worker
 * the global setup serves), so both runtimes are judged on identical terms. Web APIs only.
 */

/** A request to decide on, as the checks write it. */
export interface RequestSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** What the injected random source returns (default 0.5). */
  random?: number;
}

export type Decision =
  /** The middleware returned nothing: the platform carries on with the request. */
  | { kind: 'none' }
  | {
      kind: 'response';
      status: number;
      /** Every header but Set-Cookie, names lower-cased. */
      headers: Record<string, string>;
      setCookies: string[];
    }
  | { kind: 'threw'; error: string }
  | { kind: 'other'; description: string };

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function describeResult(result: unknown): Decision {
  if (result === undefined || result === null) return { kind: 'none' };
  if (result instanceof Response) {
    const headers: Record<string, string> = {};
    result.headers.forEach((value, name) => {
      if (name.toLowerCase() !== 'set-cookie') headers[name.toLowerCase()] = value;
    });
    return {
      kind: 'response',
      status: result.status,
      headers,
      setCookies: result.headers.getSetCookie(),
    };
  }
  return { kind: 'other', description: `${typeof result} ${String(result).slice(0, 80)}` };
}

/** Runs the middleware exported by `module` (default export, or a named `middleware`). */
export async function decide(
  module: Record<string, unknown>,
  spec: RequestSpec,
): Promise<Decision> {
  const middleware = typeof module.default === 'function' ? module.default : module.middleware;
  if (typeof middleware !== 'function')
    return {
      kind: 'threw',
      error:
        'worker/middleware.ts exports no middleware function: export default function middleware(request, options) { … }',
    };
  try {
    const request = new Request(spec.url, { method: spec.method ?? 'GET', headers: spec.headers });
    const value = spec.random ?? 0.5;
    return describeResult(await middleware(request, { random: () => value }));
  } catch (error) {
    return { kind: 'threw', error: describeError(error) };
  }
}
