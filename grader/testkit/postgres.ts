/**
 * The checks' side of the real PostgreSQL a lab's global setup serves (see
 * `./postgres-host.ts`): connection settings for the learner's code, and a view of the
 * connections the database actually accepted, which the checks can also cut.
 *
 * ```ts
 * const pg = usePostgres();
 * it('…', async () => {
 *   Object.assign(process.env, pg.env());
 *   const before = await pg.stats();
 *   // …invoke the learner's handler…
 *   const opened = await pg.openedSince(before);
 * });
 * ```
 */
import { beforeAll, inject } from 'vitest';

/** What a Postgres global setup provides to its checks. */
export interface PostgresControl {
  host: string;
  port: number;
  control: string;
  token: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresControl;
  }
}

export interface ConnectionStats {
  /** Connections accepted since the server started; ids count up from 1. */
  accepted: number;
  /** Ids of the connections still open. */
  open: number[];
}

export interface PostgresSession {
  /**
   * Connection settings as environment variables: `DATABASE_URL`, and the `PG*` variables that
   * `pg` reads by itself when it is given no connection string.
   */
  env(): Record<string, string>;
  stats(): Promise<ConnectionStats>;
  /** The connections opened after `before` was taken, and which of them are still open. */
  openedSince(before: ConnectionStats): Promise<{ opened: number[]; open: number[] }>;
  /** Closes, from the server side, every open connection opened after `before`. */
  drop(before: ConnectionStats): Promise<number[]>;
  /** Drops and recreates the lab's tables. */
  reset(): Promise<void>;
  /** Runs SQL directly in the database (not through a connection the checks would count). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

async function call<T>(
  control: PostgresControl,
  route: string,
  options: { query?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
): Promise<T> {
  const url = `${control.control}${route}?${new URLSearchParams(options.query ?? {})}`;
  const response = await fetch(url, {
    method: route === '/stats' ? 'GET' : 'POST',
    headers: { 'x-grader-token': control.token, 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
  });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok)
    throw new Error(`grader Postgres host ${route}: ${body.error ?? response.status}`);
  return body;
}

/** Waits for the database before the suite file's checks run; returns the session helpers. */
export function usePostgres(): PostgresSession {
  const control = inject('postgres');
  beforeAll(async () => {
    // The first run of a fresh install builds PGlite's data directory (~2–3 s); later runs
    // load the cached snapshot while vitest starts the worker.
    const ready = await call<{ ok?: boolean; problem?: string }>(control, '/ready', {
      timeoutMs: 60_000,
    });
    if (ready.problem) throw new Error(ready.problem);
  }, 60_000);

  const user = 'postgres';
  const password = 'course';
  const database = 'postgres';
  return {
    env: () => ({
      DATABASE_URL: `postgres://${user}:${password}@${control.host}:${control.port}/${database}`,
      PGHOST: control.host,
      PGPORT: String(control.port),
      PGUSER: user,
      PGPASSWORD: password,
      PGDATABASE: database,
    }),
    stats: () => call<ConnectionStats>(control, '/stats'),
    async openedSince(before) {
      const now = await call<ConnectionStats>(control, '/stats');
      const opened = [];
      for (let id = before.accepted + 1; id <= now.accepted; id++) opened.push(id);
      return { opened, open: now.open.filter((id) => id > before.accepted) };
    },
    async drop(before) {
      const result = await call<{ dropped: number[] }>(control, '/drop', {
        query: { after: String(before.accepted) },
      });
      return result.dropped;
    },
    async reset() {
      await call(control, '/reset');
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await call<{ rows: T[] }>(control, '/query', { body: { sql, params } })).rows;
    },
  };
}
