/**
 * `npm start`: the course site (VitePress dev server) plus the first lab command.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { style } from '../cli/style.ts';
import type { Course } from '../manifest/load.ts';
import { readProgress } from '../state/progress.ts';

export async function startCommand(course: Course, argv: string[]): Promise<number> {
  const progress = readProgress(course.root);
  const next = course.labs.find((l) => !progress.labs[l.id]?.firstPassedAt) ?? course.labs[0];
  const intro = [
    '',
    style.bold('Serverless, graded — the course'),
    '',
    `  Labs: ${course.labs.length} (npm run labs for the list)`,
    next ? `  Your next lab: ${next.id} ${next.title}` : '',
    next ? `    1. Read labs/${next.dir}/README.md` : '',
    next ? `    2. Edit labs/${next.dir}/${next.files[0]}` : '',
    next
      ? `    3. ${style.bold(`npm run grade ${next.id}`)}   (npm run hint ${next.id} when stuck)`
      : '',
    '',
  ].filter((l) => l !== '');
  process.stdout.write(`${intro.join('\n')}\n\n`);
  const vitepress = path.join(course.root, 'node_modules', 'vitepress', 'bin', 'vitepress.js');
  if (!existsSync(path.join(course.root, '.vitepress', 'config.ts')) || !existsSync(vitepress)) {
    process.stdout.write(
      'The course site is not set up in this checkout; the labs work without it.\n',
    );
    return 0;
  }
  const port = process.env.PORT ?? '5173';
  process.stdout.write(
    `${style.bold(`  Course site: http://localhost:${port}/`)}  ${style.gray('(starting… Ctrl-C to stop; PORT=<n> npm start for another port)')}\n\n`,
  );
  // --strictPort: fail loudly on a busy port rather than move to one the line above did not name.
  const child = spawn(
    process.execPath,
    [vitepress, 'dev', '--port', port, '--strictPort', ...argv],
    {
      cwd: course.root,
      stdio: 'inherit',
    },
  );
  return new Promise((resolve) => {
    process.once('SIGINT', () => child.kill('SIGINT'));
    child.on('exit', (code) => resolve(code ?? 0));
  });
}
