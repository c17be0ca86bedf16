/**
 * The grader's side of a real PostgreSQL for the checks: PGlite (Postgres compiled to WASM)
 * served over TCP by `@electric-sql/pglite-socket`, so learner code talks to it with `pg`
 * exactly as it would to RDS. A lab's `global-setup.ts` calls {@link servePostgres}; its checks
 * call `usePostgres()` from `./postgres.ts`.
 *
 * Why here and not in the checks: PGlite takes ~0.6 s and ~450 MB to start (from a saved
 * data-dir snapshot; ~2 s and more memory without one), so one instance serves the whole run,
 * and only this unsandboxed process may write the snapshot cache
 * (`node_modules/.cache/course/`).
 *
 * Between the learner's pool and the database sits a small TCP proxy that the checks can
 * observe and control through a loopback HTTP endpoint (with a per-run token), because the
 * checks run in other processes:
 *
 * - `GET /stats` → `{ accepted, open }`: connections accepted so far (ids count up from 1) and
 *   the ids still open. What the database "sees", whatever the learner's code believes.
 * - `POST /drop?after=N` → destroys the open connections with an id above N, as a server-side
 *   idle timeout, a failover or a NAT gateway would. The client sees its socket close.
 * - `POST /reset` → runs the lab's reset SQL (drop and recreate its tables).
 * - `POST /query` with `{ sql, params }` → rows, straight from PGlite (not through a socket, so
 *   it neither counts as a connection nor queues behind one).
 * - `POST /ready` → waits until the database is up (or says why it is not).
 *
 * The proxy accepts connections at once and connects them upstream when the database is
 * ready, so PGlite's start overlaps vitest's worker start-up.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer as createTcpServer, type Socket } from 'node:net';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { type ControlRoute, serveControl } from './control-server.ts';
import type { PostgresControl } from './postgres.ts';

export interface PostgresLab {
  /** SQL that creates the lab's tables; also run by `POST /reset` (so make it drop them first). */
  reset: string;
}

interface Database {
  db: PGlite;
  port: number;
  stop: () => Promise<void>;
}

/** The installed PGlite version: a snapshot is only valid for the version that wrote it. */
function pgliteVersion(root: string): string {
  try {
    const pkg = JSON.parse(
      readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
    ) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Opens PGlite from the cached data-dir snapshot, or initialises a fresh cluster and caches it
 * (atomically: two runs starting at once must not read a half-written file).
 */
async function openPglite(root: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const cacheDir = path.join(root, 'node_modules', '.cache', 'course');
  const snapshot = path.join(cacheDir, `pglite-${pgliteVersion(root)}-datadir.tar`);
  if (existsSync(snapshot)) {
    try {
      const db = new PGlite({ loadDataDir: new Blob([readFileSync(snapshot)]) });
      await db.waitReady;
      return db;
    } catch {
      // A corrupt or foreign snapshot: start afresh and overwrite it below.
      rmSync(snapshot, { force: true });
    }
  }
  const db = new PGlite();
  await db.waitReady;
  try {
    // Uncompressed: ~40 MB, but it loads ~30% faster than the gzipped one.
    const blob = await db.dumpDataDir('none');
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${snapshot}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    renameSync(partial, snapshot);
  } catch {
    // The cache is an optimisation: a read-only node_modules only makes the next run slower.
  }
  return db;
}

async function startDatabase(root: string, lab: PostgresLab): Promise<Database> {
  const db = await openPglite(root);
  await db.exec(lab.reset);
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  // Every connection shares PGlite's single backend; the limit only has to exceed what a
  // leaky learner pool can open during one run.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 500 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    db,
    port,
    stop: async () => {
      await server.stop().catch(() => undefined);
      await db.close().catch(() => undefined);
    },
  };
}

interface Proxied {
  client: Socket;
  upstream?: Socket;
}

/** Counts, tracks and can cut the connections the learner's code opens. */
class ConnectionProxy {
  accepted = 0;
  readonly open = new Map<number, Proxied>();
  private readonly server = createTcpServer((client) => this.accept(client));

  constructor(private readonly upstreamPort: Promise<number>) {}

  private accept(client: Socket): void {
    this.accepted += 1;
    const id = this.accepted;
    const entry: Proxied = { client };
    this.open.set(id, entry);
    const close = () => {
      this.open.delete(id);
      client.destroy();
      entry.upstream?.destroy();
    };
    client.on('error', close);
    client.on('close', close);
    client.pause();
    this.upstreamPort.then(
      (port) => {
        if (client.destroyed) return;
        const upstream = connect(port, '127.0.0.1');
        entry.upstream = upstream;
        upstream.on('error', close);
        upstream.on('close', close);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      },
      () => close(),
    );
  }

  /** Destroys the open connections whose id is above `after`, as a server-side drop would. */
  drop(after: number): number[] {
    const dropped: number[] = [];
    for (const [id, entry] of this.open) {
      if (id <= after) continue;
      dropped.push(id);
      this.open.delete(id);
      entry.client.destroy();
      entry.upstream?.destroy();
    }
    return dropped;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    this.drop(0);
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Starts PGlite, the counting proxy and the control endpoint for one lab's checks, and provides
 * `{ host, port, control, token }` to them (`inject('postgres')`). Returns the teardown.
 */
export async function servePostgres(
  project: TestProject,
  lab: PostgresLab,
): Promise<() => Promise<void>> {
  const token = randomBytes(16).toString('hex');
  const database = startDatabase(project.config.root, lab);
  // Keep a failed start from becoming an unhandled rejection; /ready reports it.
  database.catch(() => undefined);
  const proxy = new ConnectionProxy(database.then((d) => d.port));
  const port = await proxy.listen();

  const routes: Record<string, ControlRoute> = {
    '/ready': async () => {
      try {
        await database;
        return [200, { ok: true }];
      } catch (error) {
        return [200, { problem: `PGlite did not start: ${(error as Error).message}` }];
      }
    },
    '/stats': async () => [200, { accepted: proxy.accepted, open: [...proxy.open.keys()] }],
    '/drop': async (query) => [200, { dropped: proxy.drop(Number(query.get('after') ?? '0')) }],
    '/reset': async () => {
      await (await database).db.exec(lab.reset);
      return [200, { ok: true }];
    },
    '/query': async (_query, body) => {
      const { sql, params } = body as { sql: string; params?: unknown[] };
      const result = await (await database).db.query(sql, params ?? []);
      return [200, { rows: result.rows }];
    },
  };

  const server = await serveControl(token, routes);
  const control: PostgresControl = { host: '127.0.0.1', port, control: server.url, token };
  project.provide('postgres', control);

  return async () => {
    await proxy.close();
    await server.close();
    await (await database.catch(() => undefined))?.stop();
  };
}
