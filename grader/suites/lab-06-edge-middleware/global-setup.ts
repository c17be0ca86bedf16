/**
 * Runs in the grader's own process (unsandboxed), once per run: serves the checks a Worker that
 * wraps the learner's middleware, bundled for workerd afresh on each request to start it. The
 * Worker takes a request description as JSON, calls the middleware with it, and answers with
 * the decision (see decision.ts). See grader/testkit/workerd-host.ts for why Miniflare runs here.
 */
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serveWorkerd } from '../../testkit/workerd-host.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const decision = fileURLToPath(new URL('./decision.ts', import.meta.url));

export default function setup(project: TestProject) {
  return serveWorkerd(project, {
    entry: () => `import * as lab from './worker/middleware.ts';
import { decide } from ${JSON.stringify(decision)};
export default {
  async fetch(request) {
    return Response.json(await decide(lab, await request.json()));
  },
};
`,
    allow: [here],
    miniflare: { compatibilityDate: '2026-04-01' },
  });
}
