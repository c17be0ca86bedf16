/**
 * The flashcard deck (docs/flashcards.md) in headless Chromium: flip with Space, grade with 3,
 * the next card, the state kept in localStorage across a reload, module filters and the module
 * pages' deep links, and the mock interview's timer and model answer.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, type Opened, useSiteBrowser } from './site.ts';

const STORAGE_KEY = 'serverless-course:flashcards:v1';

const browser = useSiteBrowser();

/** Opens a page and collects its console errors; `deck` waits for the deck to be ready. */
async function open(route: string, deck = true): Promise<Opened> {
  const opened = await browser.open(route);
  if (deck) await deckReady(opened.page);
  return opened;
}

/** Waits until Vue has hydrated and the deck has read its state (it marks itself ready). */
async function deckReady(page: Page): Promise<void> {
  await page.waitForSelector('.flashcard-deck[data-ready="true"]');
}

async function stat(page: Page, name: string): Promise<number> {
  return Number((await page.locator(`[data-stat="${name}"]`).textContent())?.trim());
}

describe.skipIf(!hasChromium())('the flashcard deck in Chromium', () => {
  it('flips with Space, grades with 3, moves on, and keeps the reviews after a reload', async () => {
    // Prepare
    const { page, errors } = await open('/flashcards');
    const card = page.locator('.flashcard-deck__card');
    const first = await card.getAttribute('data-card');
    const fresh = await stat(page, 'new');
    expect(first).toBeTruthy();
    expect(fresh).toBeGreaterThan(0);
    expect(await stat(page, 'reviewed')).toBe(0);
    expect(await page.locator('.flashcard-deck__back').count()).toBe(0);
    await expect(page.locator('[data-progress]').textContent()).resolves.toMatch(
      /Card 1 of \d+ · 0 due · \d+ new/,
    );

    // Act: Space shows the answer, 3 grades it Good.
    await page.keyboard.press('Space');
    await page.locator('.flashcard-deck__back').waitFor();
    await expect(page.locator('.flashcard-deck [aria-live]').textContent()).resolves.toContain(
      'Answer shown',
    );
    const good = page.locator('.flashcard-deck__grade[data-grade="3"]');
    await expect(good.textContent()).resolves.toMatch(/Good\s*10m\s*3/);
    await page.keyboard.press('3');

    // Assess: the next card, front up; the review counted and saved.
    await page.waitForFunction(
      (id) => document.querySelector('.flashcard-deck__card')?.getAttribute('data-card') !== id,
      first,
    );
    expect(await page.locator('.flashcard-deck__back').count()).toBe(0);
    await expect(page.locator('[data-progress]').textContent()).resolves.toMatch(
      /Card 2 of \d+ · 1 due · \d+ new/,
    );
    await expect(page.locator('.flashcard-deck__last').textContent()).resolves.toContain(
      'Good · next review in 10m',
    );
    expect(await stat(page, 'reviewed')).toBe(1);
    expect(await stat(page, 'new')).toBe(fresh - 1);
    const saved = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY))!);
    expect(Object.keys(saved.cards)).toEqual([first]);
    expect(saved.log).toMatchObject([{ card: first, rating: 3, state: 0 }]);

    // Act: reload.
    await page.reload({ waitUntil: 'load' });
    await deckReady(page);

    // Assess: the state survived; the graded card is now a learning card, not a new one.
    expect(await stat(page, 'reviewed')).toBe(1);
    expect(await stat(page, 'new')).toBe(fresh - 1);
    await expect(page.locator('[data-progress]').textContent()).resolves.toMatch(
      /Card 1 of \d+ · 1 due · \d+ new/,
    );
    expect(await page.locator('.flashcard-deck__card').getAttribute('data-card')).not.toBe(first);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('does not take keys typed into a form control', async () => {
    const { page } = await open('/flashcards');
    await page.locator('select[name="tag"]').focus();
    await page.keyboard.press('Space');
    expect(await page.locator('.flashcard-deck__back').count()).toBe(0);
    await page.close();
  });

  it('filters by module, and each module page links to its own cards', async () => {
    // Prepare: a module page.
    const { page, errors } = await open('/modules/03-cold-starts/', false);
    const link = page.locator('a[href="/flashcards?module=03-cold-starts"]');
    await expect(link.textContent()).resolves.toContain("Review this module's flashcards");

    // Act: follow it.
    await link.click();
    await page.waitForURL(/\/flashcards\?module=03-cold-starts$/);
    await deckReady(page);

    // Assess: only module 3.
    await expect(page.locator('select[name="module"]').inputValue()).resolves.toBe(
      '03-cold-starts',
    );
    expect(await page.locator('.flashcard-deck__card').getAttribute('data-module')).toBe(
      '03-cold-starts',
    );
    const total = await page.locator('select[name="module"] option:checked').textContent();
    const count = Number(/\((\d+)\)/.exec(total ?? '')?.[1]);
    expect((await stat(page, 'new')) + (await stat(page, 'due'))).toBeLessThanOrEqual(count);

    // Act: another module from the filter.
    await page.locator('select[name="module"]').selectOption('07-cost');
    await page.waitForFunction(
      () =>
        document.querySelector('.flashcard-deck__card')?.getAttribute('data-module') === '07-cost',
    );
    expect(new URL(page.url()).search).toBe('?module=07-cost');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs a mock interview: a scenario, a running timer, then the model answer', async () => {
    // Prepare
    const { page, errors } = await open('/flashcards');
    await page.getByRole('button', { name: 'Mock interview' }).click();
    await page.getByRole('button', { name: 'Start a mock interview' }).click();
    const timer = page.locator('[data-timer]');
    const start = (await timer.textContent())!.trim();
    expect(start).toMatch(/^\d+:\d\d$/);
    expect(await page.locator('[data-model-answer]').count()).toBe(0);

    // Act: let the clock run, then reveal with Space.
    await page.waitForFunction(
      (text) => document.querySelector('[data-timer]')?.textContent?.trim() !== text,
      start,
    );
    const later = (await timer.textContent())!.trim();
    const seconds = (t: string) => Number(t.split(':')[0]) * 60 + Number(t.split(':')[1]);
    expect(seconds(later)).toBeLessThan(seconds(start));
    await page.keyboard.press('Space');

    // Assess
    const answer = page.locator('[data-model-answer]');
    await answer.waitFor();
    await expect(answer.textContent()).resolves.toContain('The model answer');
    expect((await answer.textContent())!.length).toBeGreaterThan(60);
    expect(new URL(page.url()).search).toBe('?mode=interview');
    expect(errors).toEqual([]);
    await page.close();
  });
});
