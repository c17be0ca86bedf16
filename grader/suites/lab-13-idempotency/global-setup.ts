/**
 * Runs in the grader's own process (unsandboxed), once per run: serves the checks an in-memory
 * DynamoDB (dynalite). See grader/testkit/dynamodb-host.ts.
 */
import type { TestProject } from 'vitest/node';
import { serveDynalite } from '../../testkit/dynamodb-host.ts';

export default function setup(project: TestProject) {
  return serveDynalite(project);
}
