/**
 * The checks' side of running learner code in workerd (see `./workerd-host.ts` for why the
 * runtime lives in the grader's process). A suite whose `global-setup.ts` calls `serveWorkerd`
 * gets a fresh build of the learner's Worker per suite file:
 *
 * ```ts
 * const worker = useWorker();
 * it('…', async () => {
 *   const response = await worker().request('/notes/a');
 * });
 * ```
 *
 * If the Worker cannot be bundled or started, every check that asks for `worker()` fails with
 * the reason (a Node built-in import, a missing export, an error at module load…).
 */
import { afterAll, beforeAll, inject } from 'vitest';

/** What a workerd global setup provides to its checks. */
export interface WorkerdControl {
  control: string;
  token: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerd: WorkerdControl;
  }
}

export interface KvKey {
  name: string;
  /** Seconds since the epoch, when the key was written with an expiration or a TTL. */
  expiration?: number;
  metadata?: unknown;
}

/** A Durable Object's storage: key-value API entries and the rows of its SQL tables. */
export interface StorageDump {
  kv: [string, unknown][];
  sql: Record<string, Record<string, unknown>[]>;
}

export interface WorkerSession {
  /** The Worker's base URL (it changes after a restart). */
  readonly url: string;
  /**
   * Sends a request to the Worker. A response the grader marked as a problem (the Worker threw,
   * a class is missing) becomes an error that explains it; a Worker that does not answer
   * within `timeoutMs` (an endless loop, a promise that never settles) becomes one too.
   */
  request(path: string, init?: RequestInit & { timeoutMs?: number }): Promise<Response>;
  /** Restarts workerd with the same code: memory is lost, KV and Durable Object storage stay. */
  restart(): Promise<void>;
  kvList(binding: string, prefix?: string): Promise<KvKey[]>;
  kvGet(binding: string, key: string): Promise<string | null>;
  /** The storage of the Durable Object `idFromName(name)` of `binding`. */
  durableObjectStorage(binding: string, name: string): Promise<StorageDump>;
}

async function call<T>(control: WorkerdControl, route: string, query = {}): Promise<T> {
  const url = `${control.control}${route}?${new URLSearchParams(query)}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'x-grader-token': control.token },
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok)
    throw new Error(`grader workerd host ${route}: ${body.error ?? response.status}`);
  return body;
}

function session(control: WorkerdControl, startUrl: string): WorkerSession {
  let url = startUrl;
  return {
    get url() {
      return url;
    },
    async request(path, init = {}) {
      const { timeoutMs = 2500, ...rest } = init;
      const method = (rest.method ?? 'GET').toUpperCase();
      let response: Response;
      try {
        response = await fetch(`${url}${path}`, {
          ...rest,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if ((error as Error).name === 'TimeoutError')
          throw new Error(
            `${method} ${path}: the Worker did not answer within ${timeoutMs / 1000} s. Is there an endless loop, or a promise that never settles?`,
          );
        throw error;
      }
      if (response.headers.get('x-grader-problem'))
        throw new Error(`${method} ${path}: ${await response.text()}`);
      return response;
    },
    async restart() {
      const result = await call<{ url?: string; problem?: string }>(control, '/restart');
      if (result.problem) throw new Error(`After a restart: ${result.problem}`);
      url = result.url!;
    },
    async kvList(binding, prefix) {
      const result = await call<{ keys: KvKey[] }>(control, '/kv/list', {
        binding,
        ...(prefix === undefined ? {} : { prefix }),
      });
      return result.keys;
    },
    async kvGet(binding, key) {
      return (await call<{ value: string | null }>(control, '/kv/get', { binding, key })).value;
    },
    async durableObjectStorage(binding, name) {
      const result = await call<StorageDump & { problem?: string }>(control, '/do/storage', {
        binding,
        name,
      });
      if (result.problem) throw new Error(result.problem);
      return result;
    },
  };
}

/**
 * Builds and starts the learner's Worker before the suite file's checks, stops it after; the
 * returned getter gives the running session, or throws why there is none.
 */
export function useWorker(): () => WorkerSession {
  const control = inject('workerd');
  let current: WorkerSession | undefined;
  let problem = 'the Worker was not started';
  beforeAll(async () => {
    const result = await call<{ url?: string; problem?: string }>(control, '/start');
    if (result.url) current = session(control, result.url);
    else problem = result.problem ?? problem;
  });
  afterAll(async () => {
    await call(control, '/stop').catch(() => undefined);
  });
  return () => {
    if (!current) throw new Error(problem);
    return current;
  };
}
