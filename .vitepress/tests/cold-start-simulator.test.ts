/**
 * The cold-start simulator on the module 3 page, in headless Chromium: it runs lab 07's
 * reference simulator (the numbers on the page equal the ones the lab's code computes in
 * Node), reacts to its controls (provisioned concurrency up → fewer cold starts; reserved
 * concurrency low → throttles), redraws its charts, and keeps its parameters in a permalink.
 * The permalink and chart-data helpers are unit-tested first (no browser needed).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../solutions/lab-07-cold-start-simulator/src/simulator.ts';
import type { Summary } from '../../solutions/lab-07-cold-start-simulator/src/types.ts';
import { binWidth, histogram } from '../theme/components/cold-start/chart-data.ts';
import {
  DEFAULTS,
  formatInt,
  readParams,
  type SimParams,
  toConfig,
  toTrace,
  writeParams,
} from '../theme/components/cold-start/params.ts';
import { hasChromium, type Opened, useSiteBrowser } from './site.ts';

const ROUTE = '/modules/03-cold-starts/';

const browser = useSiteBrowser();

async function open(query = ''): Promise<Opened> {
  const opened = await browser.open(`${ROUTE}${query}`);
  await opened.page.locator('.cold-start-sim canvas[data-chart="latency"]').waitFor();
  await opened.page.locator('[data-stat="requests"]').scrollIntoViewIfNeeded();
  return opened;
}

async function stat(page: Page, name: string): Promise<string> {
  return ((await page.locator(`[data-stat="${name}"]`).textContent()) ?? '').trim();
}

async function number(page: Page, name: string): Promise<number> {
  return Number((await stat(page, name)).replace(/[^\d.]/g, ''));
}

/** The pixels of a chart, as a PNG data URL. */
async function pixels(page: Page, chart: 'latency' | 'histogram'): Promise<string> {
  return page
    .locator(`canvas[data-chart="${chart}"]`)
    .evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL());
}

/** Sets a range input the way a pointer drag ends: value, then input and change events. */
async function slide(page: Page, label: string, value: number): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(String(value));
}

/** What the lab's simulator computes in Node for the parameters of a query string. */
function expected(query: string): Summary {
  const params = readParams(query);
  return simulate(toTrace(params), toConfig(params)).summary;
}

async function expectStats(page: Page, summary: Summary): Promise<void> {
  const ms = (v: number | null) => (v === null ? '–' : `${formatInt(v)} ms`);
  await expect
    .poll(async () => ({
      requests: await stat(page, 'requests'),
      cold: await stat(page, 'cold'),
      throttled: await stat(page, 'throttled'),
      p50: await stat(page, 'p50'),
      p95: await stat(page, 'p95'),
      p99: await stat(page, 'p99'),
    }))
    .toEqual({
      requests: formatInt(summary.requests),
      cold: formatInt(summary.cold),
      throttled: formatInt(summary.throttled),
      p50: ms(summary.p50),
      p95: ms(summary.p95),
      p99: ms(summary.p99),
    });
}

describe('the cold-start simulator’s permalink and chart data', () => {
  it('leaves defaults out of the link and reads back what it wrote', () => {
    const params: SimParams = {
      ...DEFAULTS,
      shape: 'spiky',
      rate: 7.5,
      provisioned: 12,
      reserved: 40,
      warmerMin: 3,
      seed: 9,
    };
    expect(writeParams(DEFAULTS)).toBe('');
    expect(readParams('')).toEqual(DEFAULTS);
    expect(readParams(writeParams(params))).toEqual(params);
    expect(writeParams({ ...DEFAULTS, provisioned: 3 }, '?lang=en')).toBe('?lang=en&pc=3');
  });

  it('clamps and snaps hand-edited links, and ignores what it cannot read', () => {
    const params = readParams('?pc=999&rate=0.26&keep=95&rc=none&shape=weird&seed=-3&init=abc');
    expect(params).toEqual({ ...DEFAULTS, provisioned: 100, rate: 0.5, keepAliveS: 100 });
    expect(readParams('?rc=0').reserved).toBe(1);
  });

  it('never provisions more than the reserved concurrency', () => {
    expect(toConfig({ ...DEFAULTS, provisioned: 30, reserved: 10 })).toMatchObject({
      provisioned: 10,
      reserved: 10,
    });
    expect(toConfig(DEFAULTS)).not.toHaveProperty('reserved');
    expect(toConfig({ ...DEFAULTS, warmerMin: 2, warmerPings: 4 }).warmer).toEqual({
      intervalMs: 120_000,
      concurrency: 4,
    });
  });

  it('bins served latencies by status, in nice bin widths', () => {
    expect([binWidth(560, 32), binWidth(1_000, 32), binWidth(90, 32)]).toEqual([20, 50, 5]);
    const bins = histogram([
      { arrivalMs: 0, durationMs: 10, status: 'cold', latencyMs: 310, environment: 0 },
      { arrivalMs: 5, durationMs: 10, status: 'warm', latencyMs: 10, environment: 0 },
      { arrivalMs: 6, durationMs: 10, status: 'throttled', latencyMs: null, environment: null },
    ]);
    expect(bins.width).toBe(10);
    expect(bins.warm.reduce((a, b) => a + b)).toBe(1);
    expect(bins.cold[31]).toBe(1);
  });
});

describe.skipIf(!hasChromium())('the cold-start simulator in Chromium', () => {
  it('shows the numbers the lab’s simulator computes, and draws both charts, without errors', async () => {
    const { page, errors } = await open();
    await expectStats(page, expected(''));
    expect(await number(page, 'cold'), 'the default bursty trace has cold starts').toBeGreaterThan(
      0,
    );
    const blank = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      const drawn = document.querySelector<HTMLCanvasElement>('canvas[data-chart="latency"]')!;
      canvas.width = drawn.width;
      canvas.height = drawn.height;
      return canvas.toDataURL();
    });
    expect(await pixels(page, 'latency'), 'the latency chart is drawn').not.toBe(blank);
    expect(await pixels(page, 'histogram'), 'the histogram is drawn').not.toBe(blank);
    expect(await page.locator('.cold-start-sim').count(), 'one simulator on the page').toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('cuts cold starts when provisioned concurrency goes up, and redraws the charts', async () => {
    const { page, errors } = await open();
    const before = await number(page, 'cold');
    const latency = await pixels(page, 'latency');
    const histogram = await pixels(page, 'histogram');
    // Act
    await slide(page, 'Provisioned concurrency', 40);
    // Assess
    await expect
      .poll(() => number(page, 'cold'), { message: 'cold starts with 40 provisioned' })
      .toBeLessThan(before);
    await expectStats(page, expected('?pc=40'));
    await expect
      .poll(() => pixels(page, 'latency'), { message: 'the latency chart changed' })
      .not.toBe(latency);
    expect(await pixels(page, 'histogram'), 'the histogram changed').not.toBe(histogram);
    await expect.poll(() => new URL(page.url()).searchParams.get('pc')).toBe('40');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('throttles requests when reserved concurrency is low', async () => {
    const { page, errors } = await open();
    expect(await number(page, 'throttled'), 'no reserved limit: no throttles').toBe(0);
    const latency = await pixels(page, 'latency');
    // Act
    await slide(page, 'Reserved concurrency', 3);
    // Assess
    await expect
      .poll(() => number(page, 'throttled'), { message: 'throttles with reserved 3' })
      .toBeGreaterThan(0);
    await expectStats(page, expected('?rc=3'));
    await expect.poll(() => pixels(page, 'latency')).not.toBe(latency);
    await expect.poll(() => new URL(page.url()).searchParams.get('rc')).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves its sliders with the keyboard and shows their values', async () => {
    const { page } = await open();
    const keepAlive = page.getByLabel('Keep-alive when idle', { exact: true });
    const output = page.locator('output[for="cold-start-sim-keep"]');
    expect(await output.textContent()).toBe('1 min');
    await keepAlive.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => output.textContent()).toBe('1 min 10 s');
    const outline = await keepAlive.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline, 'a focused slider shows a focus ring').not.toBe('none');
    await page.getByLabel('Traffic shape').selectOption('steady');
    await expect.poll(() => new URL(page.url()).searchParams.get('shape')).toBe('steady');
    await expectStats(page, expected('?shape=steady&keep=70'));
    await page.close();
  });

  it('restores every parameter from a permalink', async () => {
    const query = '?shape=spiky&rate=8&dur=150&keep=120&pc=5&rc=12&init=800&warm=2&pings=3&seed=7';
    const { page, errors } = await open(query);
    // Assess: the controls…
    expect(await page.getByLabel('Traffic shape').inputValue()).toBe('spiky');
    const value = (label: string) => page.getByLabel(label, { exact: true }).inputValue();
    expect(
      {
        rate: await value('Request rate'),
        duration: await value('Handler duration'),
        keepAlive: await value('Keep-alive when idle'),
        provisioned: await value('Provisioned concurrency'),
        reserved: await value('Reserved concurrency'),
        init: await value('INIT duration'),
        warmer: await value('Warmer ping every'),
        pings: await value('Pings per round'),
      },
      'slider positions from the link',
    ).toEqual({
      rate: '8',
      duration: '150',
      keepAlive: '120',
      provisioned: '5',
      reserved: '12',
      init: '800',
      warmer: '2',
      pings: '3',
    });
    // …and the simulation they configure.
    await expectStats(page, expected(query));
    expect(await number(page, 'pings'), 'warmer pings are counted').toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('copies a link that reproduces the setup', async () => {
    await browser
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: browser.url() });
    const { page } = await open();
    await slide(page, 'INIT duration', 1200);
    await slide(page, 'Reserved concurrency', 20);
    await page.getByRole('button', { name: 'Copy link to this setup' }).click();
    await page.locator('.cold-start-sim__copied, .cold-start-sim__link').first().waitFor();
    const link =
      (await page.locator('.cold-start-sim__link').count()) > 0
        ? await page.locator('.cold-start-sim__link').inputValue()
        : await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(link).searchParams.get('init')).toBe('1200');
    expect(new URL(link).searchParams.get('rc')).toBe('20');
    const cold = await stat(page, 'cold');
    const throttled = await stat(page, 'throttled');

    const copy = await browser.context().newPage();
    await copy.goto(link, { waitUntil: 'load' });
    await copy.locator('[data-stat="cold"]').waitFor();
    await expect.poll(() => stat(copy, 'cold')).toBe(cold);
    expect(await stat(copy, 'throttled')).toBe(throttled);
    await copy.close();
    await page.close();
  });
});
