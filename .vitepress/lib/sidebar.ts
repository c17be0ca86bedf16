/**
 * The navigation bar and sidebar, generated from the module list and the lab manifests: a
 * new lab appears under its module without editing the site.
 */
import type { DefaultTheme } from 'vitepress';
import type { Lab } from '../../grader/src/manifest/schema.ts';
import { labLabel, labRoute, labShortTitle, MODULES, moduleRoute } from './modules.ts';

export function buildSidebar(labs: readonly Lab[]): DefaultTheme.SidebarItem[] {
  return [
    {
      text: 'Start here',
      items: [
        { text: 'Home', link: '/' },
        { text: 'All labs', link: '/labs/' },
      ],
    },
    {
      text: 'Modules',
      items: MODULES.map((m) => {
        const moduleLabs = labs.filter((lab) => lab.module === m.number);
        const item: DefaultTheme.SidebarItem = {
          text: `${m.number}. ${m.title}`,
          link: moduleRoute(m),
        };
        if (moduleLabs.length > 0) {
          item.collapsed = false;
          item.items = moduleLabs.map((lab) => ({
            text: `${labLabel(lab.id)} · ${labShortTitle(lab.title)}`,
            link: labRoute(lab.dir),
          }));
        }
        return item;
      }),
    },
    {
      text: 'Interview prep',
      items: [
        { text: 'Cheat sheet', link: '/cheat-sheet' },
        { text: 'Flashcards', link: '/flashcards' },
      ],
    },
    {
      text: 'Running the course',
      items: [
        { text: 'Deploy the solutions', link: '/deploy' },
        { text: 'Performance', link: '/performance' },
        { text: 'For instructors', link: '/instructors' },
      ],
    },
  ];
}

export function buildNav(): DefaultTheme.NavItem[] {
  return [
    { text: 'Modules', link: moduleRoute(MODULES[0]!), activeMatch: '^/modules/' },
    { text: 'Labs', link: '/labs/', activeMatch: '^/labs/' },
    { text: 'Cheat sheet', link: '/cheat-sheet' },
    { text: 'Flashcards', link: '/flashcards', activeMatch: '^/flashcards' },
  ];
}
