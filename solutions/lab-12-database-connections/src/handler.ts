/**
 * Lab 12 reference solution: a Postgres-backed function that holds at most one connection per
 * execution environment, opens it only when a request needs the database, keeps it across
 * invocations, survives the server dropping it, and never puts user input into SQL text.
 */
import type { Context } from 'aws-lambda';
import { DatabaseError, Pool } from 'pg';

export type Event =
  | { action: 'health' }
  | { action: 'add'; name: string }
  | { action: 'find'; name: string }
  | { action: 'list' };

export interface Item {
  id: number;
  name: string;
}

export interface Reply {
  status?: 'ok';
  version?: string;
  item?: Item;
  items?: Item[];
  error?: string;
}

// #region pool
// Configuration is read once, at init: an execution environment never sees its environment
// variables change. Without DATABASE_URL, pg falls back to PGHOST, PGPORT, PGUSER, … itself.
const connectionString = process.env.DATABASE_URL;
const version = process.env.APP_VERSION ?? 'dev';

let pool: Pool | undefined;

/**
 * The environment's pool, created on first use. Creating a Pool opens nothing: the connection
 * is made by the first query, so a request that never queries (health) never pays for it.
 */
function db(): Pool {
  if (pool === undefined) {
    pool = new Pool({
      connectionString,
      // One environment serves one invocation at a time, so it never needs a second
      // connection: database connections then equal the function's concurrency.
      max: 1,
      // Close an idle connection ourselves before a server, proxy or NAT idle timeout kills it.
      idleTimeoutMillis: 60_000,
      // Fail fast when the database is unreachable instead of eating the function's timeout.
      connectionTimeoutMillis: 2_000,
    });
    // When the server drops an idle connection (idle timeout, failover, a frozen environment
    // thawing after hours), pg emits 'error' on the pool and discards that client; the next
    // query opens a fresh connection. With no listener, that 'error' event would crash the
    // runtime process and fail whichever invocation comes next.
    pool.on('error', (error) => {
      console.warn(
        JSON.stringify({
          level: 'WARN',
          message: 'idle database connection lost',
          error: error.message,
        }),
      );
    });
  }
  return pool;
}
// #endregion pool

function nameOf(event: { name?: unknown }): string | undefined {
  const name = event.name;
  return typeof name === 'string' && name.length > 0 && name.length <= 200 ? name : undefined;
}

// #region queries
// Every value travels as a parameter ($1), separately from the SQL text: the server never parses
// it as SQL, so `x'); DROP TABLE items; --` is just an unusual name. pool.query() also checks a
// client out and always gives it back, even when the query fails.
async function addItem(name: string): Promise<Reply> {
  try {
    const { rows } = await db().query<Item>(
      'INSERT INTO items (name) VALUES ($1) RETURNING id, name',
      [name],
    );
    return { item: rows[0] };
  } catch (error) {
    // 23505 unique_violation: a normal answer, not a failure of the function.
    if (error instanceof DatabaseError && error.code === '23505')
      return { error: `an item named ${JSON.stringify(name)} already exists` };
    throw error;
  }
}

async function findItems(name: string): Promise<Reply> {
  const { rows } = await db().query<Item>(
    'SELECT id, name FROM items WHERE name = $1 ORDER BY id',
    [name],
  );
  return { items: rows };
}
// #endregion queries

async function listItems(): Promise<Reply> {
  const { rows } = await db().query<Item>('SELECT id, name FROM items ORDER BY id');
  return { items: rows };
}

export const handler = async (event: Event, _context: Context): Promise<Reply> => {
  // No pool.end() anywhere: the connection stays open for the next invocation of this
  // environment. Lambda freezes the environment with the socket open; that is the point.
  const request = (event ?? {}) as { action?: unknown; name?: unknown };
  switch (request.action) {
    case 'health':
      return { status: 'ok', version };
    case 'list':
      return listItems();
    case 'add':
    case 'find': {
      const name = nameOf(request);
      if (name === undefined) return { error: 'name must be a string of 1 to 200 characters' };
      return request.action === 'add' ? addItem(name) : findItems(name);
    }
    default:
      return { error: 'Unknown action: send {"action": "health" | "add" | "find" | "list"}.' };
  }
};
