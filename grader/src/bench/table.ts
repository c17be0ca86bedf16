/**
 * The benchmark's results as aligned plain-text tables (at most 100 columns), each figure
 * beside its target with ✓ or ✗.
 */
import type { BenchResults, Load } from './results.ts';

const mark = (pass: boolean | null) => (pass === null ? ' ' : pass ? '✓' : '✗');
const load = (l?: Load) => (l ? `; load ${l.start}→${l.end}` : '');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toLocaleString('en-US')} ms`;
const ms1 = (value: number) => `${value.toFixed(1)} ms`;

/** Renders rows as columns: numbers right-aligned, text left-aligned. */
function columns(header: string[], rows: string[][], right: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `  ${cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()}`;
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

export function renderTables(r: BenchResults): string {
  const t = r.targets;
  const out: string[] = [
    `Machine: ${r.machine.cores} × ${r.machine.cpu}, ${r.machine.memoryGb} GB, ${r.machine.os}, Node ${r.machine.node}`,
  ];

  if (r.grade) {
    const g = r.grade;
    out.push(
      '',
      `Grade latency — median of ${g.runs}${load(g.load)} (target: grade ≤ ${t.gradeRatio}× vitest run)`,
      ...columns(
        ['lab', 'grade', 'vitest run', 'ratio', ''],
        g.labs.map((l) => [
          l.lab,
          ms(l.gradeMs),
          ms(l.vitestMs),
          `${l.ratio.toFixed(2)}×`,
          mark(l.pass),
        ]),
        [false, true, true, true, false],
      ),
    );
    if (g.all)
      out.push(
        `  every lab in one command: ${g.all.labs} labs in ${ms(g.all.gradeMs)} = ${ms(g.all.perLabMs)} a lab (target ≤ ${ms(t.perLabMs)}) ${mark(g.all.pass)}`,
        `  bare vitest run of every suite: ${ms(g.all.vitestMs)}`,
      );
  }

  if (r.bundles) {
    out.push(
      '',
      `Bundles — dist/functions, minified, AWS SDK external (target ≤ ${kb(t.bundleBytes)} each)`,
      ...columns(
        ['function', 'kind', 'minified', 'gzip', ''],
        r.bundles.bundles.map((b) => [
          `${b.lab}/${b.name}`,
          b.kind.length > 18 ? `${b.kind.slice(0, 17)}…` : b.kind,
          kb(b.bytes),
          kb(b.gzipBytes),
          mark(b.pass),
        ]),
        [false, false, true, true, false],
      ),
    );
    // Functions sharing a file share its bundle: explain each over-budget file once.
    const explained = new Set<string>();
    for (const b of r.bundles.bundles) {
      if (!b.largest || explained.has(b.file)) continue;
      explained.add(b.file);
      const parts = b.largest.slice(0, 3).map((l) => `${l.input} ${kb(l.bytes)}`);
      out.push(`  ✗ ${b.file}: ${parts.join(', ')}`);
    }
  }

  if (r.init) {
    const i = r.init;
    out.push(
      '',
      `Cold init — fresh process, median of ${i.runs}${load(i.load)} (target: ready ≤ ${t.initRatio}× empty)`,
      `  ready = boot (Node + harness, median of all runs: ${i.bootMs} ms) + import + invoke`,
      ...columns(
        ['function', 'import', 'invoke', 'ready', '× empty', ''],
        [
          [
            '(empty handler)',
            ms1(i.empty.importMs),
            ms1(i.empty.invokeMs),
            ms1(i.empty.readyMs),
            '1.00×',
            '',
          ],
          ...i.functions.map((f) => [
            `${f.lab}/${f.name}`,
            ms1(f.importMs),
            ms1(f.invokeMs),
            ms1(f.readyMs),
            `${f.ratio.toFixed(2)}×`,
            mark(f.pass),
          ]),
        ],
        [false, true, true, true, true, false],
      ),
    );
  }

  if (r.site)
    out.push(
      '',
      `Site — median of ${r.site.runs}${load(r.site.load)}`,
      `  vitepress build: ${ms(r.site.buildMs)}`,
      `  home page JavaScript: ${r.site.homeJs.files} files, ${kb(r.site.homeJs.bytes)} (gzip ${kb(r.site.homeJs.gzipBytes)})`,
    );

  if (r.test) {
    out.push(
      '',
      `npm test — one run${load(r.test.load)}: ${(r.test.wallMs / 1000).toFixed(1)} s, exit ${r.test.exitCode}: ${r.test.summary}`,
    );
    for (const stage of r.test.stages ?? [])
      out.push(
        `  ${mark(stage.passed)} ${stage.name.padEnd(62).slice(0, 62)} ${stage.seconds.toFixed(1).padStart(6)} s`,
      );
  }

  return `${out.join('\n')}\n`;
}
