/**
 * Runs in every worker before a suite. When the grader asks for it, it appends each check's
 * start and end to a side log, synchronously, so the watchdog knows which check was running
 * when learner code hung and which had already finished (vitest batches results, and the
 * batch in flight is lost when a hung worker is killed).
 *
 * Lines are signed with a key that is removed from the environment before any learner code
 * loads, so code under test cannot forge a "pass".
 */
import { createHmac } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach } from 'vitest';

const dir = process.env.GRADER_SIDE_LOG_DIR;
const key = process.env.GRADER_SIDE_LOG_KEY;
delete process.env.GRADER_SIDE_LOG_KEY;

if (dir && key) {
  const file = path.join(dir, `${process.pid}.jsonl`);
  const write = (record: Record<string, unknown>) => {
    const line = JSON.stringify(record);
    const signature = createHmac('sha256', key).update(line).digest('hex');
    appendFileSync(file, `${signature} ${line}\n`);
  };
  beforeEach((context) => {
    const id = context.task.id;
    write({ event: 'start', id, time: Date.now() });
    context.onTestFinished((finished) => {
      write({
        event: 'end',
        id,
        state: finished.task.result?.state ?? 'unknown',
        time: Date.now(),
      });
    });
  });
}
