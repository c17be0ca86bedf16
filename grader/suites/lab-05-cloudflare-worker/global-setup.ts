/**
 * Runs in the grader's own process (unsandboxed), once per run: serves the checks a fresh build
 * of the learner's Worker in workerd, with the bindings the lab's wrangler.jsonc declares. See
 * grader/testkit/workerd-host.ts for why Miniflare cannot start inside the sandboxed checks.
 */
import type { TestProject } from 'vitest/node';
import { moduleWorkerEntry, serveWorkerd } from '../../testkit/workerd-host.ts';

export default function setup(project: TestProject) {
  return serveWorkerd(project, {
    entry: (token) =>
      moduleWorkerEntry({ main: 'worker/index.ts', durableObjects: ['Counter'], token }),
    miniflare: {
      compatibilityDate: '2026-04-01',
      kvNamespaces: ['NOTES'],
      durableObjects: { COUNTER: { className: 'Counter', useSQLite: true } },
    },
  });
}
