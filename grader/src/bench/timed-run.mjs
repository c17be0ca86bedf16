#!/usr/bin/env node
// Runs a command and writes its wall time to a JSON file: `node timed-run.mjs <out.json> <cmd>
// [args…]`. The benchmark starts it under `flock` (the site build lock), so the time measured is
// the build's alone, not the wait for the lock.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [out, cmd, ...args] = process.argv.slice(2);
const start = performance.now();
const result = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const ms = performance.now() - start;
writeFileSync(out, JSON.stringify({ ms, code: result.status, error: result.error?.message }));
process.exitCode = result.status ?? 1;
