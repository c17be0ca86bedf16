/**
 * JUnit XML, as CI systems read it: one `<testsuite>` per lab, one `<testcase>` per check;
 * `fail` is a `<failure>`, `error` and `timeout` are `<error>`, `not-run` is `<skipped>`.
 */
import type { GradeReport } from '../model/result.ts';

function xml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function toJUnit(report: GradeReport): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = report.labs.flatMap((l) => l.checks);
  const count = (s: string) => all.filter((c) => c.status === s).length;
  const totalMs = report.labs.reduce((s, l) => s + l.durationMs, 0);
  lines.push(
    `<testsuites name="course grade (${xml(report.target)})" tests="${all.length}" failures="${count('fail')}" errors="${count('error') + count('timeout')}" skipped="${count('not-run')}" time="${seconds(totalMs)}">`,
  );
  for (const lab of report.labs) {
    const c = (s: string) => lab.checks.filter((x) => x.status === s).length;
    lines.push(
      `  <testsuite name="${xml(`${lab.id} ${lab.title}`)}" tests="${lab.checks.length}" failures="${c('fail')}" errors="${c('error') + c('timeout')}" skipped="${c('not-run')}" time="${seconds(lab.durationMs)}">`,
    );
    lines.push(
      `    <properties><property name="score" value="${lab.score}"/><property name="maxScore" value="${lab.maxScore}"/><property name="typecheck" value="${lab.typecheck.status}"/></properties>`,
    );
    for (const check of lab.checks) {
      const open = `    <testcase classname="${xml(`${lab.id}.${check.task}`)}" name="${xml(check.title)}" time="${seconds(check.durationMs)}"`;
      const body = check.hint ? `${check.message}\n\nHint: ${check.hint}` : check.message;
      if (check.status === 'pass') lines.push(`${open}/>`);
      else if (check.status === 'not-run')
        lines.push(`${open}><skipped message="${xml(check.message)}"/></testcase>`);
      else {
        const tag = check.status === 'fail' ? 'failure' : 'error';
        lines.push(
          `${open}><${tag} type="${check.status}" message="${xml(check.message.split('\n')[0] ?? '')}">${xml(body)}</${tag}></testcase>`,
        );
      }
    }
    if (lab.errors.length > 0 || lab.typecheck.status === 'fail') {
      const text = [
        ...lab.errors,
        ...lab.typecheck.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`),
      ].join('\n');
      lines.push(`    <system-err>${xml(text)}</system-err>`);
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
