/**
 * The home page's hero and feature cards. They live here rather than in docs/index.md's
 * frontmatter because the formatter (biome) treats frontmatter as markdown and flattens nested
 * YAML; config.ts merges them into the home page's data at build time.
 */
export const HOME_HERO = {
  name: 'Serverless, graded',
  image: {
    src: '/hero.svg',
    alt: 'Events (HTTP, a queue, a schedule) flow into a function that uses a table and a bucket',
  },
  text: 'Learn serverless architecture by building it.',
  tagline:
    'Nine modules from first principles to interview answers, labs checked by hidden test suites on your own machine, and facts that carry their dates.',
  actions: [
    { theme: 'brand', text: 'Start with module 1', link: '/modules/01-core-concepts/' },
    { theme: 'alt', text: 'Browse the labs', link: '/labs/' },
    { theme: 'alt', text: 'Prepare for interviews', link: '/modules/09-interview-prep/' },
  ],
} as const;

/** One card under the hero (the default theme's feature shape). */
export interface HomeFeature {
  icon: { src: string; width: number; height: number };
  title: string;
  details: string;
  link: string;
  linkText: string;
}

export const HOME_FEATURES: HomeFeature[] = [
  {
    icon: { src: '/icons/learn.svg', width: 28, height: 28 },
    title: 'Learn',
    details:
      'Read the modules in order. Each explains one idea with diagrams, real code taken from type-checked files, and a knowledge check at the end.',
    link: '/modules/01-core-concepts/',
    linkText: 'Core concepts',
  },
  {
    icon: { src: '/icons/grade.svg', width: 28, height: 28 },
    title: 'Grade',
    details:
      'Write real Lambda handlers, Workers and workflows in labs/, then run npm run grade lab-01. Every check passes or fails with a hint that points at the concept.',
    link: '/labs/',
    linkText: 'All labs',
  },
  {
    icon: { src: '/icons/interview.svg', width: 28, height: 28 },
    title: 'Prepare for interviews',
    details:
      'Module 9 turns the course into answers you can give out loud, the cheat sheet fits the numbers on one page, and a spaced-repetition deck (here and in the terminal) drills them, starting with the checks you failed.',
    link: '/flashcards',
    linkText: 'Flashcards',
  },
];
