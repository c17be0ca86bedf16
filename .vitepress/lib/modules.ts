/**
 * The nine course modules, in teaching order. A module page lives at
 * `docs/modules/<folder>/index.md` and is served at `/modules/<folder>/`; labs name their
 * module by number in `lab.json`, and this list turns the number into the folder and title.
 *
 * This file is imported by the browser bundle too, so it holds data only.
 */
export interface CourseModule {
  /** 1–9, as `lab.json`'s `module` field. */
  number: number;
  /** The folder under `docs/modules/`. */
  folder: string;
  title: string;
}

export const MODULES: readonly CourseModule[] = [
  { number: 1, folder: '01-core-concepts', title: 'Core concepts' },
  { number: 2, folder: '02-providers-and-platforms', title: 'Providers and platforms' },
  { number: 3, folder: '03-cold-starts', title: 'Cold starts' },
  { number: 4, folder: '04-event-sources', title: 'Event sources and triggers' },
  { number: 5, folder: '05-patterns', title: 'Patterns and best practices' },
  { number: 6, folder: '06-limits-and-gotchas', title: 'Limits and gotchas' },
  { number: 7, folder: '07-cost', title: 'Cost' },
  { number: 8, folder: '08-when-to-use', title: 'When to use serverless' },
  { number: 9, folder: '09-interview-prep', title: 'Interview prep' },
];

/** The site route of a module page, e.g. `/modules/01-core-concepts/`. */
export function moduleRoute(module: CourseModule): string {
  return `/modules/${module.folder}/`;
}

/** Finds a module by its number (1–9), its folder name, or its number as a string ("3", "03"). */
export function findModule(key: number | string): CourseModule | undefined {
  const text = String(key).trim();
  if (/^\d{1,2}$/.test(text)) return MODULES.find((m) => m.number === Number(text));
  return MODULES.find((m) => m.folder === text);
}

/** The site route of a lab page, e.g. `/labs/lab-01-hello-lambda`. */
export function labRoute(dir: string): string {
  return `/labs/${dir}`;
}

/** "lab-07" → "Lab 07". */
export function labLabel(id: string): string {
  return id.replace(/^lab-/, 'Lab ');
}

/** The short name of a lab for menus: the part of the title before a colon. */
export function labShortTitle(title: string): string {
  const colon = title.indexOf(':');
  return colon > 0 ? title.slice(0, colon).trim() : title;
}
