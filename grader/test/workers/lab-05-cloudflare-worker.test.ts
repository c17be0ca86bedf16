/**
 * The lab 05 reference deploys: `wrangler deploy --dry-run` (no account, no network) bundles it
 * from solutions/lab-05-cloudflare-worker/wrangler.jsonc exactly as a deploy would, and that
 * bundle — not the TypeScript — answers requests in workerd with the bindings the config declares.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

const solution = path.join(ROOT, 'solutions', 'lab-05-cloudflare-worker');
const config = path.join(solution, 'wrangler.jsonc');
const cache = path.join(ROOT, 'node_modules', '.cache', 'course');
mkdirSync(cache, { recursive: true });
const outDir = mkdtempSync(path.join(cache, 'wrangler-lab-05-'));
// (wrangler also leaves an empty .wrangler/tmp beside the config: no files, nothing for git.)
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the lab 05 reference Worker', () => {
  it('builds with wrangler deploy --dry-run and its bundle answers in workerd', async () => {
    // Act
    const wrangler = path.join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
    await promisify(execFile)(
      process.execPath,
      [wrangler, 'deploy', '--dry-run', '--outdir', outDir, '--config', config],
      { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' } },
    );
    // Assess: the bundle exists and exports the Worker and the Durable Object class
    const bundle = path.join(outDir, 'index.js');
    expect(existsSync(bundle), 'wrangler wrote index.js to --outdir').toBe(true);
    const script = readFileSync(bundle, 'utf8');
    expect(script, 'the bundle exports the Durable Object class').toMatch(
      /export\s*\{[^}]*\bCounter\b/,
    );
    const mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2026-04-01',
      kvNamespaces: ['NOTES'],
      durableObjects: { COUNTER: { className: 'Counter', useSQLite: true } },
    });
    try {
      const put = await mf.dispatchFetch('http://localhost/notes/deploy-check', {
        method: 'PUT',
        body: JSON.stringify({ text: 'bundled' }),
      });
      expect(put.status, 'PUT /notes/deploy-check').toBe(200);
      const note = (await (
        await mf.dispatchFetch('http://localhost/notes/deploy-check')
      ).json()) as {
        text?: string;
      };
      expect(note.text, 'GET /notes/deploy-check').toBe('bundled');
      const counts = [];
      for (let i = 0; i < 2; i++) {
        const response = await mf.dispatchFetch('http://localhost/counters/deploys', {
          method: 'POST',
        });
        counts.push(((await response.json()) as { value?: number }).value);
      }
      expect(counts, 'two POST /counters/deploys').toEqual([1, 2]);
    } finally {
      await mf.dispose();
    }
  });
});
