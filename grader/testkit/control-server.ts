/**
 * The loopback control endpoint a `*-host.ts` module serves to its checks (which run in other
 * processes): JSON over HTTP on 127.0.0.1, a free port, and a per-run token in `x-grader-token`.
 * A request without the token, or to an unknown path, gets a 404; a route that throws, a 500
 * with its message.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A route: the query string and the parsed JSON body (`{}` when empty) → `[status, body]`. */
export type ControlRoute = (query: URLSearchParams, body: unknown) => Promise<[number, unknown]>;

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text === '' ? {} : JSON.parse(text);
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Starts the control server; returns its base URL and a `close()` for the teardown. */
export async function serveControl(
  token: string,
  routes: Record<string, ControlRoute>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routes[url.pathname];
    if (request.headers['x-grader-token'] !== token || !route) {
      reply(response, 404, { error: 'not found' });
      return;
    }
    readBody(request)
      .then((body) => route(url.searchParams, body))
      .then(([status, body]) => reply(response, status, body))
      .catch((error: Error) => reply(response, 500, { error: error.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
