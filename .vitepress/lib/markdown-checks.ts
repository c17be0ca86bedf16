/**
 * A markdown-it rule that fails the build when a page uses a course component whose data
 * does not exist: `<KnowledgeCheck module="x" />` needs `docs/modules/x/quiz.json`,
 * `<ScenarioPicker module="x" />` needs `docs/modules/x/scenarios.json`, and
 * `<ModuleLabs module="n" />` needs a module number the course has.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { MarkdownRenderer } from 'vitepress';
import { findModule } from './modules.ts';

const USE = /<(KnowledgeCheck|ScenarioPicker|ModuleLabs)\b[^>]*?\bmodule="([^"]*)"/g;

/** Every problem with the components a page's markdown uses (empty when all is well). */
export function componentDataProblems(source: string, page: string, docsDir: string): string[] {
  const problems: string[] = [];
  for (const [, component, module] of source.matchAll(USE)) {
    const name = module ?? '';
    if (component === 'ModuleLabs') {
      if (!findModule(name))
        problems.push(`${page}: <ModuleLabs module="${name}" /> names no course module (use 1–9).`);
      continue;
    }
    const file = component === 'KnowledgeCheck' ? 'quiz.json' : 'scenarios.json';
    if (!existsSync(path.join(docsDir, 'modules', name, file))) {
      problems.push(
        `${page}: <${component} module="${name}" /> needs docs/modules/${name}/${file}, which does not exist.`,
      );
    }
  }
  return problems;
}

export function componentDataCheck(md: MarkdownRenderer, docsDir: string): void {
  md.core.ruler.push('course-component-data', (state) => {
    const env = state.env as { relativePath?: string };
    const problems = componentDataProblems(
      state.src,
      `docs/${env.relativePath ?? '(unknown page)'}`,
      docsDir,
    );
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return false;
  });
}
