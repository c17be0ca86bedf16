/**
 * The artifacts, not just the TypeScript: every solution is built as it would be deployed
 * (`npm run build:solutions`), and each bundle is imported in a fresh Node process and invoked
 * with realistic events of its kind, AWS calls answered by stubs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSolutions, type FunctionsManifest } from '../../src/deploy/build.ts';
import { course, ROOT } from '../helpers.ts';
import { caseFor, type Invocation } from './cases.ts';

// Inside the course, so the bundles find @aws-sdk/* in node_modules as they find it in the
// Lambda runtime.
const cache = path.join(ROOT, 'node_modules', '.cache', 'course');
mkdirSync(cache, { recursive: true });
const outDir = mkdtempSync(path.join(cache, 'bundles-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const manifest: FunctionsManifest = await buildSolutions({ root: ROOT, labs: course.labs, outDir });
const aws = manifest.functions.filter((f) => f.kind !== 'worker');

describe('the built solutions', () => {
  it('lists every AWS and Workers solution in dist/functions/manifest.json', () => {
    for (const lab of course.labs.filter((l) => l.platform === 'aws-lambda')) {
      expect(
        manifest.functions.some((f) => f.lab === lab.slug),
        `${lab.id} has a built function`,
      ).toBe(true);
    }
    for (const f of manifest.functions) expect(f.bytes).toBeGreaterThan(0);
  });

  it.each(aws.map((f) => [`${f.lab}/${f.name}`, f] as const))(
    '%s answers realistic events from its bundle',
    async (key, fn) => {
      const kind = [fn.kind].flat()[0]!;
      const make = caseFor(key, kind);
      expect(
        make,
        `no proof case for ${key} (kind ${kind}): add one to grader/test/deploy/cases.ts`,
      ).toBeDefined();
      const c = await make!();
      const run = spawnSync(
        process.execPath,
        [path.join(ROOT, 'grader', 'bin', 'invoke-bundle.mjs')],
        {
          cwd: ROOT,
          input: JSON.stringify({
            bundle: path.join(outDir, fn.file),
            handler: fn.handler,
            events: c.events,
            mocks: c.mocks ?? {},
            http: c.http,
            env: c.env ?? {},
            timeoutMs: c.timeoutMs,
          }),
          encoding: 'utf8',
          timeout: 60_000,
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      expect(run.status, run.stderr).toBe(0);
      c.check(JSON.parse(run.stdout) as Invocation);
    },
  );
});
