/**
 * The built site in headless Chromium (playwright-core driving the system's Chromium),
 * served from .vitepress/dist on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../grader/src/manifest/load.ts';
import { MODULES } from '../lib/modules.ts';
import { hasChromium, hydrated, type Opened, ROOT, useSiteBrowser } from './site.ts';

const browser = useSiteBrowser();

async function open(route: string, viewport = { width: 1280, height: 900 }): Promise<Opened> {
  return browser.open(route, viewport);
}

function quizOf(folder: string): {
  questions: { question: string; choices: { text: string; correct: boolean }[] }[];
} {
  return JSON.parse(readFileSync(path.join(ROOT, 'docs', 'modules', folder, 'quiz.json'), 'utf8'));
}

describe.skipIf(!hasChromium())('the built site in Chromium', () => {
  it('renders the home page with no console errors', async () => {
    const { page, errors } = await open('/');
    await expect(page.locator('.VPHero .name').textContent()).resolves.toContain(
      'Serverless, graded',
    );
    expect(await page.locator('.VPFeature').count()).toBe(3);
    await expect(page.getByText('npm start').first().isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reaches every module page from the sidebar', async () => {
    const { page } = await open(`/modules/${MODULES[0]!.folder}/`);
    for (const module of MODULES) {
      const link = page.locator(`.VPSidebar a[href="/modules/${module.folder}/"]`).first();
      await link.click();
      await page.waitForURL(`**/modules/${module.folder}/`);
      const h1 = await page.locator('.vp-doc h1').first().textContent();
      expect(h1, module.folder).toBeTruthy();
      expect(await page.locator('.NotFound').count(), `${module.folder} is a 404`).toBe(0);
    }
    await page.close();
  });

  it('renders every module page and its diagrams with no console errors', async () => {
    for (const module of MODULES) {
      const { page, errors } = await open(`/modules/${module.folder}/`);
      const diagrams = page.locator('.mermaid-diagram');
      const count = await diagrams.count();
      if (count > 0) {
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('.mermaid-diagram')].every((d) =>
              d.querySelector('svg, .mermaid-diagram__error'),
            ),
          undefined,
          { timeout: 20_000 },
        );
      }
      expect(
        await page.locator('.mermaid-diagram__error').allTextContents(),
        module.folder,
      ).toEqual([]);
      expect(
        await page.locator('.knowledge-check').count(),
        `${module.folder} has a knowledge check`,
      ).toBeGreaterThan(0);
      expect(errors, module.folder).toEqual([]);
      await page.close();
    }
  });

  it('answers a knowledge check by click, explains every choice, and remembers it', async () => {
    const folder = MODULES[0]!.folder;
    const quiz = quizOf(folder);
    const { page } = await open(`/modules/${folder}/`);
    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: 'load' });
    await hydrated(page);

    const first = page.locator('.knowledge-check__item').first();
    const right = quiz.questions[0]!.choices.findIndex((c) => c.correct);
    const check = first.getByRole('button', { name: 'Check answer' });
    expect(await check.isDisabled()).toBe(true);
    await first.locator('.knowledge-check__choice').nth(right).click();
    await check.click();
    await expect(first.locator('.knowledge-check__verdict').textContent()).resolves.toContain(
      'Correct',
    );
    expect(await first.locator('.knowledge-check__why').count()).toBe(
      quiz.questions[0]!.choices.length,
    );
    await expect(page.locator('.knowledge-check__score').first().textContent()).resolves.toContain(
      `1 of ${quiz.questions.length} answered · 1 correct`,
    );

    await page.reload({ waitUntil: 'load' });
    await hydrated(page);
    await expect(page.locator('.knowledge-check__score').first().textContent()).resolves.toContain(
      `1 of ${quiz.questions.length} answered`,
    );
    await expect(first.locator('.knowledge-check__verdict').textContent()).resolves.toContain(
      'Correct',
    );
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it('answers a knowledge check with the keyboard alone, with visible focus', async () => {
    const folder = MODULES[0]!.folder;
    const quiz = quizOf(folder);
    const { page } = await open(`/modules/${folder}/`);
    await page.evaluate(() => localStorage.clear());
    await page.reload({ waitUntil: 'load' });
    await hydrated(page);

    const second = page.locator('.knowledge-check__item').nth(1);
    const radios = second.locator('input[type="radio"]');
    // Tab into the second question from the first one's radio group, as a keyboard user would
    // (the first question's button is disabled until a choice is picked, so Tab skips it).
    await page
      .locator('.knowledge-check__item')
      .first()
      .locator('input[type="radio"]')
      .first()
      .focus();
    await page.keyboard.press('Tab');
    await expect(radios.first().evaluate((r) => r === document.activeElement)).resolves.toBe(true);
    const outline = await radios
      .first()
      .evaluate((r) => getComputedStyle(r.closest('label')!).outlineStyle);
    expect(outline).not.toBe('none');

    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(await radios.nth(1).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await expect(
      second
        .getByRole('button', { name: 'Check answer' })
        .evaluate((b) => b === document.activeElement),
    ).resolves.toBe(true);
    await page.keyboard.press('Enter');

    const chosenRight = quiz.questions[1]!.choices[1]!.correct;
    await expect(second.locator('.knowledge-check__verdict').textContent()).resolves.toContain(
      chosenRight ? 'Correct' : 'Not quite',
    );
    expect(await second.locator('.knowledge-check__choice.is-correct').count()).toBe(1);

    // Enter on a selected choice checks it too.
    const third = page.locator('.knowledge-check__item').nth(2);
    await third.locator('input[type="radio"]').first().focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect(third.locator('.knowledge-check__verdict').count()).resolves.toBe(1);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it('lets the learner pick a platform in a scenario and shows the reasoning', async () => {
    const folder = '08-when-to-use';
    const { page } = await open(`/modules/${folder}/`);
    await page.evaluate(() => localStorage.clear());
    const scenario = page.locator('.scenario-picker__scenario').first();
    await scenario.locator('.scenario-picker__option').first().click();
    await scenario.getByRole('button', { name: 'Show the reasoning' }).click();
    await expect(scenario.locator('.knowledge-check__verdict').textContent()).resolves.toContain(
      'Best fit',
    );
    expect(await scenario.locator('.scenario-picker__reasons dd').count()).toBe(3);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it('finds "cold start" with the local search', async () => {
    const { page } = await open('/');
    await page.locator('.VPNavBarSearch button').click();
    await page.locator('#localsearch-input').fill('cold start');
    const hit = page
      .locator('.VPLocalSearchBox .results a[href*="/modules/03-cold-starts"]')
      .first();
    await hit.waitFor({ timeout: 10_000 });
    expect(await page.locator('.VPLocalSearchBox .results li').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('shows the grade command on every lab page', async () => {
    const { labs } = loadCourse(ROOT);
    expect(labs.length).toBeGreaterThan(0);
    const { page } = await open('/labs/');
    for (const lab of labs) {
      expect(
        await page.locator(`.vp-doc a[href="/labs/${lab.dir}"]`).count(),
        `labs index lists ${lab.id}`,
      ).toBeGreaterThan(0);
    }
    for (const lab of labs) {
      await page.goto(`${browser.url()}/labs/${lab.dir}`, { waitUntil: 'load' });
      await hydrated(page);
      const command = page
        .locator('.vp-doc pre code', { hasText: `npm run grade ${lab.id}` })
        .first();
      expect(await command.isVisible(), lab.id).toBe(true);
      await expect(page.locator('.vp-doc h1').first().textContent()).resolves.toContain(lab.title);
      expect(await page.locator('.lab-check').count()).toBe(
        lab.tasks.reduce((n, t) => n + t.checks.length, 0),
      );
    }
    await page.close();
  });

  it('toggles dark mode', async () => {
    const { page } = await open('/');
    const isDark = () => page.evaluate(() => document.documentElement.classList.contains('dark'));
    const before = await isDark();
    await page.locator('.VPNavBarAppearance .VPSwitchAppearance').click();
    await expect.poll(isDark).toBe(!before);
    await page.locator('.VPNavBarAppearance .VPSwitchAppearance').click();
    await expect.poll(isDark).toBe(before);
    await page.close();
  });

  it('fits a 390 px phone screen and opens the menu there', async () => {
    const { labs } = loadCourse(ROOT);
    const routes = [
      '/',
      ...MODULES.map((m) => `/modules/${m.folder}/`),
      '/cheat-sheet',
      '/labs/',
      ...labs.slice(0, 1).map((l) => `/labs/${l.dir}`),
    ];
    for (const route of routes) {
      const { page } = await open(route, { width: 390, height: 844 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${route} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      await page.close();
    }
    const { page } = await open(`/modules/${MODULES[0]!.folder}/`, { width: 390, height: 844 });
    await page.locator('.VPLocalNav .menu').click();
    await page.locator('.VPSidebar.open').waitFor();
    expect(
      await page
        .locator(`.VPSidebar.open a[href="/modules/${MODULES[8]!.folder}/"]`)
        .first()
        .isVisible(),
    ).toBe(true);
    await page.close();
  });
});
