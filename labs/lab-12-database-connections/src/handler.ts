/**
 * Lab 12 — Database connections. Read labs/lab-12-database-connections/README.md first.
 * Grade with: npm run grade lab-12
 *
 * A function backed by PostgreSQL through `pg`. Lambda runs one invocation at a time per
 * execution environment and keeps the environment (and its module scope) between invocations:
 * decide where the pool lives, when it connects, and what happens when the server drops it.
 */
import type { Context } from 'aws-lambda';
import { DatabaseError, type Pool } from 'pg';

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

// TODO(lab-12): task 1 — read the connection settings once, at init: process.env.DATABASE_URL
//   (without it, pg reads PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE by itself), and the
//   version for health from process.env.APP_VERSION (default 'dev').

// TODO(lab-12): task 1 — one pool per execution environment, kept in module scope and created
//   on first use. Cap it at one connection (pg's default max is 10). Creating a Pool opens
//   nothing: the first query connects.
// TODO(lab-12): task 3 — when the server drops an idle connection, pg emits 'error' on the pool.
//   Listen for it, or the runtime process crashes.
export function db(): Pool {
  throw new Error('TODO(lab-12): create the pool once, on first use');
}

// TODO(lab-12): task 2 — every value goes in the values array ($1, $2, …), never into the SQL
//   text. Useful statements (items has columns id, name, created_at; name is UNIQUE):
//     INSERT INTO items (name) VALUES ($1) RETURNING id, name
//     SELECT id, name FROM items WHERE name = $1 ORDER BY id
//     SELECT id, name FROM items ORDER BY id
//   Adding a name that exists fails with a DatabaseError whose code is '23505'
//   (unique_violation): answer { error } for it (DatabaseError is imported above for you).

export const handler = async (event: Event, context: Context): Promise<Reply> => {
  // TODO(lab-12): health → { status: 'ok', version } without touching the database.
  // TODO(lab-12): add → { item }, find → { items }, list → { items }. A missing or invalid name
  //   (not a string of 1 to 200 characters) or an unknown action → { error } without a query.
  // TODO(lab-12): task 1 — no pool.end() here: the next invocation reuses the connection.
  return { error: 'not implemented yet' };
};
