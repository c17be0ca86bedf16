/**
 * The grader's side of a real DynamoDB API for the checks: dynalite (DynamoDB in memory),
 * started once per run by a lab's `global-setup.ts` with {@link serveDynalite}; the checks use
 * `useDynalite()` from `./dynamodb.ts`.
 *
 * Why here and not in the checks: dynalite's storage layer probes the host system when it loads
 * (node-gyp-build reads files outside the lab), which the sandboxed workers may not do. Over
 * loopback HTTP the checks and the learner's SDK client reach it like any DynamoDB endpoint.
 */

import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import type { DynaliteControl } from './dynamodb.ts';

const require = createRequire(import.meta.url);

/**
 * dynalite 4.0.0 accepts `ReturnValuesOnConditionCheckFailure` but drops it, so a failed condition
 * never carries the existing item, as real DynamoDB's does (since June 2023). Teach it, so learner
 * code sees what AWS would send. Skipped silently if dynalite's internals ever change shape.
 */
function teachReturnValuesOnConditionCheckFailure(): void {
  const db = require('dynalite/db') as {
    checkConditional?: (data: Record<string, unknown>, existing: unknown) => unknown;
    __courseAllOld?: boolean;
  };
  const original = db.checkConditional;
  if (db.__courseAllOld || typeof original !== 'function') return;
  for (const operation of ['putItem', 'updateItem', 'deleteItem']) {
    const validation = require(`dynalite/validations/${operation}`) as {
      types?: Record<string, unknown>;
    };
    if (validation.types && !validation.types.ReturnValuesOnConditionCheckFailure) {
      validation.types.ReturnValuesOnConditionCheckFailure = {
        type: 'String',
        enum: ['ALL_OLD', 'NONE'],
      };
    }
  }
  db.checkConditional = (data, existing) => {
    const error = original(data, existing) as { body?: Record<string, unknown> } | null | undefined;
    if (error?.body && existing && data.ReturnValuesOnConditionCheckFailure === 'ALL_OLD')
      error.body.Item = existing;
    return error;
  };
  db.__courseAllOld = true;
}

/** Starts dynalite on a free loopback port and provides its endpoint (`inject('dynalite')`). */
export async function serveDynalite(project: TestProject): Promise<() => Promise<void>> {
  teachReturnValuesOnConditionCheckFailure();
  const dynalite = require('dynalite') as (options: { createTableMs: number }) => Server;
  // Tables become ACTIVE at once; each check creates its own.
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const control: DynaliteControl = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
  project.provide('dynalite', control);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
