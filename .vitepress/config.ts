/**
 * The course site. Pages live in docs/ (srcDir); the sidebar and the lab pages are generated
 * from the lab manifests (labs/<id>-<slug>/lab.json) through the grader's own loader.
 */
import path from 'node:path';
import { defineConfig } from 'vitepress';
import { MermaidMarkdown } from 'vitepress-plugin-mermaid';
import { loadSiteCourse, REPO_ROOT } from './lib/course.ts';
import { HOME_FEATURES, HOME_HERO } from './lib/home.ts';
import { componentDataCheck } from './lib/markdown-checks.ts';
import { buildNav, buildSidebar } from './lib/sidebar.ts';

const course = loadSiteCourse(REPO_ROOT);

export default defineConfig({
  lang: 'en',
  title: 'Serverless, graded',
  description:
    'A serverless architecture course that grades itself: nine modules, hands-on labs checked by hidden test suites, and interview prep.',
  srcDir: 'docs',
  cleanUrls: true,
  appearance: true,
  lastUpdated: false,
  head: [
    ['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }],
    ['meta', { name: 'theme-color', content: '#3451b2' }],
  ],
  transformPageData(pageData) {
    // Kept out of frontmatter, which the formatter mangles: see lib/home.ts.
    if (pageData.relativePath === 'index.md') {
      pageData.frontmatter.hero = HOME_HERO;
      pageData.frontmatter.features = HOME_FEATURES;
    }
    // Generated lab pages (docs/labs/[lab].md): the outline lists the README's sections.
    if (pageData.params?.lab) pageData.frontmatter.outline ??= 2;
  },
  markdown: {
    config(md) {
      // ```mermaid fences become <Mermaid graph="…"> (our MermaidDiagram component, which
      // loads the Mermaid library only on pages that have a diagram).
      MermaidMarkdown(md, {});
      componentDataCheck(md, path.join(REPO_ROOT, 'docs'));
    },
  },
  vite: {
    // What vitepress-plugin-mermaid's withMermaid() sets up, minus its eager global component.
    optimizeDeps: {
      include: [
        'mermaid',
        '@braintree/sanitize-url',
        'dayjs',
        'cytoscape-cose-bilkent',
        'cytoscape',
      ],
    },
    resolve: {
      alias: {
        'dayjs/plugin/advancedFormat.js': 'dayjs/esm/plugin/advancedFormat',
        'dayjs/plugin/customParseFormat.js': 'dayjs/esm/plugin/customParseFormat',
        'dayjs/plugin/isoWeek.js': 'dayjs/esm/plugin/isoWeek',
        'cytoscape/dist/cytoscape.umd.js': 'cytoscape/dist/cytoscape.esm.js',
      },
    },
    // Mermaid's diagram chunks are large but only load on pages with diagrams.
    build: { chunkSizeWarningLimit: 2500 },
  },
  themeConfig: {
    logo: { src: '/favicon.svg', alt: '' },
    nav: buildNav(),
    sidebar: buildSidebar(course.labs),
    search: { provider: 'local' },
    outline: { level: [2, 3], label: 'On this page' },
    docFooter: { prev: 'Previous', next: 'Next' },
    footer: {
      message:
        'Facts that change (prices, limits, runtimes) carry the date they were checked and their source.',
      copyright: 'MIT licensed',
    },
  },
});
