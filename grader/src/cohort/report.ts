/**
 * report.html: one self-contained page (no scripts or styles fetched from anywhere) that tells
 * an instructor what to teach next: the score distribution, the pass rate per lab, a heatmap of
 * the most-failed checks, every error and timeout, each student's results, and similar pairs
 * side by side. Charts are SVG drawn here.
 */
import type { CheckStatus } from '../model/result.ts';
import type { Gradebook, SimilarityPair } from './gradebook.ts';

function esc(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const COLORS: Record<CheckStatus, string> = {
  pass: '#2e7d32',
  fail: '#c62828',
  error: '#ef6c00',
  timeout: '#6a1b9a',
  'not-run': '#9e9e9e',
};

function histogram(values: number[]): string {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const v of values) bins[Math.min(9, Math.floor(v * 10))]! += 1;
  const max = Math.max(1, ...bins);
  const w = 36;
  const h = 120;
  const bars = bins
    .map((count, i) => {
      const bh = Math.round((count / max) * h);
      return `<g><rect x="${i * (w + 4) + 30}" y="${h - bh + 10}" width="${w}" height="${bh}" fill="#1565c0"><title>${i * 10}–${i * 10 + 10}%: ${count} student(s)</title></rect><text x="${i * (w + 4) + 30 + w / 2}" y="${h + 26}" font-size="10" text-anchor="middle">${i * 10}%</text><text x="${i * (w + 4) + 30 + w / 2}" y="${h - bh + 6}" font-size="10" text-anchor="middle">${count || ''}</text></g>`;
    })
    .join('');
  return `<svg role="img" aria-label="Distribution of total scores" viewBox="0 0 440 ${h + 36}" width="440" height="${h + 36}">${bars}</svg>`;
}

function passRates(book: Gradebook): string {
  const rows = book.labs.map((lab) => {
    const submitted = book.students.filter(
      (s) => s.labs[lab.id] && !s.labs[lab.id]!.errors.some((e) => e.startsWith('Not submitted')),
    );
    const passed = submitted.filter((s) => s.labs[lab.id]!.status === 'pass').length;
    return {
      lab,
      rate: submitted.length ? passed / submitted.length : 0,
      passed,
      submitted: submitted.length,
    };
  });
  const h = rows.length * 24 + 10;
  const bars = rows
    .map(
      (r, i) =>
        `<g><text x="0" y="${i * 24 + 20}" font-size="12">${esc(r.lab.id)}</text><rect x="70" y="${i * 24 + 8}" width="${Math.round(r.rate * 300)}" height="16" fill="#2e7d32"><title>${esc(r.lab.title)}: ${r.passed}/${r.submitted} passed</title></rect><text x="${Math.round(r.rate * 300) + 76}" y="${i * 24 + 20}" font-size="12">${Math.round(r.rate * 100)}% (${r.passed}/${r.submitted})</text></g>`,
    )
    .join('');
  return `<svg role="img" aria-label="Pass rate per lab" viewBox="0 0 460 ${h}" width="460" height="${h}">${bars}</svg>`;
}

/** The checks the class fails most, each with every student's status. */
export function mostFailedChecks(book: Gradebook, limit = 25) {
  const checks = new Map<
    string,
    { lab: string; task: string; title: string; failed: number; graded: number }
  >();
  for (const student of book.students) {
    for (const [labId, result] of Object.entries(student.labs)) {
      if (result.errors.some((e) => e.startsWith('Not submitted'))) continue;
      for (const c of result.checks) {
        const key = `${labId}\u0000${c.task}\u0000${c.title}`;
        const entry = checks.get(key) ?? {
          lab: labId,
          task: c.task,
          title: c.title,
          failed: 0,
          graded: 0,
        };
        entry.graded += 1;
        if (c.status !== 'pass') entry.failed += 1;
        checks.set(key, entry);
      }
    }
  }
  return [...checks.values()]
    .filter((c) => c.failed > 0)
    .sort(
      (a, b) =>
        b.failed / b.graded - a.failed / a.graded ||
        a.lab.localeCompare(b.lab) ||
        a.title.localeCompare(b.title),
    )
    .slice(0, limit);
}

function heatmap(book: Gradebook): string {
  const checks = mostFailedChecks(book);
  if (checks.length === 0) return '<p>Every submitted check passes.</p>';
  const head = book.students
    .map((s) => `<th scope="col" class="rot"><span>${esc(s.id)}</span></th>`)
    .join('');
  const rows = checks
    .map((c) => {
      const cells = book.students
        .map((s) => {
          const result = s.labs[c.lab];
          const missing = !result || result.errors.some((e) => e.startsWith('Not submitted'));
          const check = missing
            ? undefined
            : result.checks.find((x) => x.task === c.task && x.title === c.title);
          const status: CheckStatus = check?.status ?? 'not-run';
          return `<td style="background:${COLORS[status]}" title="${esc(`${s.id}: ${missing ? 'not submitted' : status}${check?.message ? ` — ${check.message}` : ''}`)}"><span class="sr">${missing ? 'not submitted' : status}</span></td>`;
        })
        .join('');
      return `<tr><th scope="row">${esc(c.lab)} · ${esc(c.title)}<br><small>${Math.round((c.failed / c.graded) * 100)}% fail (${c.failed}/${c.graded})</small></th>${cells}</tr>`;
    })
    .join('');
  const legend = Object.entries(COLORS)
    .map(([k, v]) => `<span class="key" style="background:${v}"></span>${k}`)
    .join(' ');
  return `<p class="legend">${legend}</p><div class="scroll"><table class="heat"><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function problems(book: Gradebook): string {
  const items: string[] = [];
  for (const s of book.students) {
    for (const [labId, r] of Object.entries(s.labs)) {
      if (r.errors.some((e) => e.startsWith('Not submitted'))) continue;
      const bad = r.checks.filter((c) => c.status === 'error' || c.status === 'timeout');
      if (bad.length === 0 && r.errors.length === 0 && r.typecheck.status !== 'fail') continue;
      const reasons = [
        ...new Set([
          ...r.errors,
          ...bad.map((c) => `${c.status}: ${c.message}`),
          ...(r.typecheck.status === 'fail'
            ? [`type errors: ${r.typecheck.diagnostics.length}`]
            : []),
        ]),
      ];
      items.push(
        `<li><strong>${esc(s.id)}</strong> · ${esc(labId)}: ${reasons.slice(0, 4).map(esc).join('<br>')}</li>`,
      );
    }
  }
  return items.length
    ? `<ul class="problems">${items.join('')}</ul>`
    : '<p>No errors or timeouts.</p>';
}

function studentDetails(book: Gradebook): string {
  return book.students
    .map((s) => {
      const labs = book.labs
        .map((lab) => {
          const r = s.labs[lab.id]!;
          const rows = r.checks
            .map(
              (c) =>
                `<tr><td><span class="dot" style="background:${COLORS[c.status]}"></span>${esc(c.status)}</td><td>${esc(c.task)} › ${esc(c.title)}</td><td>${esc(c.message)}</td></tr>`,
            )
            .join('');
          return `<h4>${esc(lab.id)} ${esc(lab.title)} — ${r.score}/${r.maxScore} (${esc(r.status)}; types ${esc(r.typecheck.status)})</h4>${r.errors.length ? `<p class="err">${r.errors.map(esc).join('<br>')}</p>` : ''}<table class="checks"><tbody>${rows}</tbody></table>`;
        })
        .join('');
      const who = [s.name, s.email, s.section]
        .filter(Boolean)
        .map((x) => esc(x!))
        .join(' · ');
      return `<details id="student-${esc(s.id)}"><summary><strong>${esc(s.id)}</strong> ${who} — ${s.total}/${s.maxTotal}${s.notes.length ? ` <em>(${s.notes.map(esc).join('; ')})</em>` : ''}</summary>${labs}</details>`;
    })
    .join('');
}

function similarity(pairs: SimilarityPair[], empty: string): string {
  if (pairs.length === 0) return `<p>${empty}</p>`;
  return pairs
    .map((p) => {
      const regions = p.regions
        .map(
          (r) =>
            `<div class="side"><pre aria-label="${esc(p.a)} lines ${r.a[0]}–${r.a[1]}">${esc(r.aText)}</pre><pre aria-label="${esc(p.b)} lines ${r.b[0]}–${r.b[1]}">${esc(r.bText)}</pre></div>`,
        )
        .join('');
      return `<details><summary>${esc(p.lab)} <code>${esc(p.file)}</code>: <strong>${esc(p.a)}</strong> ↔ <strong>${esc(p.b)}</strong> — ${Math.round(p.similarity * 100)}% alike (${p.shared} shared fragments)</summary>${regions}</details>`;
    })
    .join('');
}

export function renderReport(book: Gradebook): string {
  const totals = book.students.map((s) => (s.maxTotal ? s.total / s.maxTotal : 0));
  const sorted = [...totals].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
  const mean = totals.length ? totals.reduce((a, b) => a + b, 0) / totals.length : 0;
  const timeouts = book.students.flatMap((s) =>
    Object.values(s.labs).flatMap((r) => r.checks.filter((c) => c.status === 'timeout')),
  ).length;
  const errors = book.students.flatMap((s) =>
    Object.values(s.labs).filter(
      (r) => r.status === 'error' && !r.errors.some((e) => e.startsWith('Not submitted')),
    ),
  ).length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cohort report</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}
.stats{display:flex;gap:1.5rem;flex-wrap:wrap}.stat{background:#f3f6fa;padding:.6rem 1rem;border-radius:6px}.stat b{display:block;font-size:1.4rem}
.scroll{overflow-x:auto}table{border-collapse:collapse}.heat td{width:18px;height:18px;border:1px solid #fff}.heat th[scope=row]{text-align:left;font-weight:normal;padding-right:.5rem;max-width:380px}
.rot{height:90px;white-space:nowrap;vertical-align:bottom}.rot span{display:inline-block;transform:rotate(-60deg);transform-origin:left bottom;width:18px;font-weight:normal;font-size:11px}
.key,.dot{display:inline-block;width:12px;height:12px;margin:0 .25rem 0 .75rem;vertical-align:middle;border-radius:2px}.dot{margin-left:0}
.sr{position:absolute;left:-9999px}.checks td{border-bottom:1px solid #eee;padding:.2rem .5rem;vertical-align:top}.err{color:#b71c1c}
.side{display:grid;grid-template-columns:1fr 1fr;gap:.5rem}pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:12px;margin:.3rem 0}
details{margin:.3rem 0}summary{cursor:pointer}summary:focus-visible{outline:2px solid #1565c0}
@media (prefers-color-scheme: dark){body{background:#121212;color:#eee}.stat,pre{background:#1e1e1e}h2{border-color:#333}.checks td{border-color:#333}svg text{fill:#eee}}
</style>
</head>
<body>
<h1>Cohort report</h1>
<p>Generated ${esc(book.generatedAt)} · ${book.students.length} students · ${book.labs.length} labs</p>
<div class="stats">
<div class="stat"><b>${Math.round(mean * 100)}%</b>mean score</div>
<div class="stat"><b>${Math.round(median * 100)}%</b>median score</div>
<div class="stat"><b>${timeouts}</b>checks timed out</div>
<div class="stat"><b>${errors}</b>labs ended in error</div>
<div class="stat"><b>${book.similarity.pairs.length}</b>similar pairs</div>
</div>
<h2 id="distribution">Score distribution</h2>
${histogram(totals)}
<h2 id="pass-rate">Pass rate per lab</h2>
${passRates(book)}
<h2 id="heatmap">What to teach next: the most-failed checks</h2>
${heatmap(book)}
<h2 id="problems">Errors and timeouts</h2>
${problems(book)}
<h2 id="students">Students</h2>
${studentDetails(book)}
<h2 id="similarity">Similar submissions (≥ ${Math.round(book.similarity.threshold * 100)}%)</h2>
<p>Token n-grams after removing comments, whitespace, names and literals, and the starter's own code. A lead for a conversation, not proof: see the course's instructor guide for its limits.</p>
${similarity(book.similarity.pairs, 'No pair above the threshold.')}
<h3>Close to the reference solution (≥ ${Math.round(book.similarity.referenceThreshold * 100)}%)</h3>
${similarity(book.similarity.reference, 'No submission above the threshold.')}
</body>
</html>
`;
}
