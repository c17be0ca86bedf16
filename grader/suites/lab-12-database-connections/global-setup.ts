/**
 * Runs in the grader's own process (unsandboxed), once per run: serves the checks a real
 * PostgreSQL (PGlite over TCP) behind a proxy that counts and can cut connections. See
 * grader/testkit/postgres-host.ts.
 */
import type { TestProject } from 'vitest/node';
import { servePostgres } from '../../testkit/postgres-host.ts';

/** The lab's one table, as the README shows it. `name` is unique so a query can fail. */
export const RESET = `
DROP TABLE IF EXISTS items;
CREATE TABLE items (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);
`;

export default function setup(project: TestProject) {
  return servePostgres(project, { reset: RESET });
}
