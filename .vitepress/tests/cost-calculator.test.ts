/**
 * The cost calculator on the Module 7 page: its logic (permalinks, presets, the figures it
 * shows come from lab 17's reference model) and the component in headless Chromium (inputs
 * change the numbers and the chart, presets show the corrected figures, a permalink restores
 * the inputs, no console errors).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type CalculatorInputs,
  computeCosts,
  costSeries,
  DEFAULT_INPUTS,
  formatDollars,
  fromQuery,
  hasCalculatorQuery,
  PRESETS,
  sanitize,
  toQuery,
} from '../theme/components/cost/calculator.ts';
import { hasChromium, type Opened, useSiteBrowser } from './site.ts';

const ROUTE = '/modules/07-cost/';
const cents = (x: number) => Math.round(x * 100) / 100;
const preset = (id: string): CalculatorInputs => {
  const found = PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(`no preset ${id}`);
  return found.inputs;
};

describe('the cost calculator logic', () => {
  it("shows the guide's corrected scenario figures (FACTS.md) for its presets", () => {
    const one = computeCosts(preset('scenario-1'));
    expect(cents(one.lambda.total), 'scenario 1, Lambda list').toBe(0.19);
    expect(cents(one.lambdaOtherFreeTier), 'scenario 1, Lambda with the free tier').toBe(0);
    expect(cents(one.fargate.total), 'scenario 1, one 0.5 vCPU / 1 GB task').toBe(18.02);
    const two = computeCosts(preset('scenario-2'));
    expect(cents(two.lambda.total), 'scenario 2, Lambda list').toBe(186.67);
    expect(cents(two.lambdaOtherFreeTier), 'scenario 2, Lambda with the free tier').toBe(179.8);
    expect(cents(two.fargate.total), 'scenario 2, three 1 vCPU / 2 GB tasks').toBe(108.12);
  });

  it('finds the crossover of the module page (9.65M, 13.3M with the free tier)', () => {
    expect(computeCosts(DEFAULT_INPUTS).crossover).toBe(9_653_581);
    expect(computeCosts({ ...DEFAULT_INPUTS, freeTier: true }).crossover).toBe(13_332_153);
  });

  it('round-trips every input through a permalink and repairs bad ones', () => {
    const inputs: CalculatorInputs = {
      requests: 123_456_789,
      durationMs: 12.5,
      memoryMb: 1769,
      architecture: 'arm64',
      freeTier: true,
      pcConcurrency: 3,
      pcHours: 200,
      coldStartPercent: 2.5,
      initMs: 450,
      fargateSize: '2-8',
      fargateTasks: 4,
      workersCpuMs: 7,
    };
    const query = toQuery(inputs);
    expect(hasCalculatorQuery(`?${query}`)).toBe(true);
    expect(fromQuery(`?${query}`)).toEqual(inputs);
    expect(hasCalculatorQuery('?utm_source=x')).toBe(false);
    expect(fromQuery('?mb=64&ms=abc&arch=sparc&task=9-9&req=-5')).toEqual({
      ...DEFAULT_INPUTS,
      memoryMb: 128,
      requests: 0,
    });
    expect(sanitize({ ...DEFAULT_INPUTS, memoryMb: Number.NaN }).memoryMb).toBe(512);
  });

  it('plots increasing request volumes that include the crossover', () => {
    const series = costSeries(DEFAULT_INPUTS);
    expect(series.requests.every((x, i) => i === 0 || x > series.requests[i - 1]!)).toBe(true);
    expect(series.requests).toContain(9_653_581);
    expect(series.crossover?.requests).toBe(9_653_581);
    expect(series.lambda.length).toBe(series.requests.length);
    expect(formatDollars(0.001)).toBe('< $0.01');
    expect(formatDollars(18.02005)).toBe('$18.02');
  });
});

const browser = useSiteBrowser();

async function open(route: string): Promise<Opened> {
  const opened = await browser.open(route);
  const { page } = opened;
  await page.locator('.cost-calculator canvas').waitFor();
  // The chart module is loaded after mount; wait until Chart.js has drawn into the canvas.
  await page.waitForFunction(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.cost-calculator canvas');
    return Boolean(canvas && canvas.width > 0 && canvas.getAttribute('style'));
  });
  return opened;
}

const shown = (page: Page, line: string) =>
  page.locator(`.cost-calculator [data-cost="${line}"]`).textContent();
const dollars = async (page: Page, line: string) =>
  Number(((await shown(page, line)) ?? '').replace(/[^0-9.]/g, ''));
const chartTable = (page: Page) =>
  page.locator('.cost-calculator [data-chart-table]').evaluate((t) => t.textContent);
const canvasPixels = (page: Page) =>
  page.locator('.cost-calculator canvas').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
const field = (page: Page, name: string) => page.locator(`.cost-calculator [name="${name}"]`);

describe.skipIf(!hasChromium())('the cost calculator in Chromium', () => {
  it('renders with the default workload, its price date and sources, and no console errors', async () => {
    const { page, errors } = await open(ROUTE);
    await expect(shown(page, 'lambda.total')).resolves.toBe('$18.67');
    await expect(shown(page, 'fargate.total')).resolves.toBe('$18.02');
    await expect(shown(page, 'workers.total')).resolves.toBe('$5.40');
    await expect(
      page.locator('.cost-calculator [data-cost="crossover"]').getAttribute('data-requests'),
    ).resolves.toBe('9653581');
    const sources = page.locator('.cost-calculator__sources');
    await expect(sources.textContent()).resolves.toContain('as of November 2026');
    expect(await sources.locator('a[href="https://aws.amazon.com/lambda/pricing/"]').count()).toBe(
      1,
    );
    expect(await page.getByLabel('Memory (MB)').count(), 'memory input has a label').toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('raises the Lambda total and redraws the chart when memory goes up', async () => {
    const { page, errors } = await open(ROUTE);
    const before = await dollars(page, 'lambda.total');
    const tableBefore = await chartTable(page);
    const pixelsBefore = await canvasPixels(page);
    // Act: type a new memory size as a keyboard user would.
    await page.getByLabel('Memory (MB)').fill('1024');
    await page.getByLabel('Memory (MB)').press('Tab');
    await expect(shown(page, 'lambda.total')).resolves.toBe('$35.33');
    expect(await dollars(page, 'lambda.total')).toBeGreaterThan(before);
    await expect(chartTable(page)).resolves.not.toBe(tableBefore);
    await page.waitForFunction(
      (old) =>
        document.querySelector<HTMLCanvasElement>('.cost-calculator canvas')?.toDataURL() !== old,
      pixelsBefore,
    );
    expect(page.url(), 'the address bar carries the new input').toContain('mb=1024');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("loads the guide's scenarios with the buttons, from the keyboard too", async () => {
    const { page, errors } = await open(ROUTE);
    const two = page.locator('.cost-calculator [data-preset="scenario-2"]');
    await two.focus();
    await page.keyboard.press('Enter');
    await expect(shown(page, 'lambda.total')).resolves.toBe('$186.67');
    await expect(shown(page, 'fargate.total')).resolves.toBe('$108.12');
    await expect(shown(page, 'lambda.other')).resolves.toContain('$179.80');
    await expect(
      page.locator('.cost-calculator [data-cost="crossover"]').getAttribute('data-requests'),
    ).resolves.toBe('57921486');
    await expect(field(page, 'requests').inputValue()).resolves.toBe('100000000');
    await page.locator('.cost-calculator [data-preset="scenario-1"]').click();
    await expect(shown(page, 'lambda.total')).resolves.toBe('$0.19');
    await expect(shown(page, 'fargate.total')).resolves.toBe('$18.02');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('restores every input from a permalink and prices them', async () => {
    const inputs: CalculatorInputs = {
      ...DEFAULT_INPUTS,
      requests: 5_000_000,
      durationMs: 120,
      memoryMb: 2048,
      architecture: 'arm64',
      freeTier: true,
      coldStartPercent: 1,
      initMs: 800,
      fargateSize: '1-2',
      fargateTasks: 2,
    };
    const { page, errors } = await open(`${ROUTE}?${toQuery(inputs)}`);
    await expect(field(page, 'requests').inputValue()).resolves.toBe('5000000');
    await expect(field(page, 'memoryMb').inputValue()).resolves.toBe('2048');
    await expect(field(page, 'architecture').inputValue()).resolves.toBe('arm64');
    await expect(field(page, 'freeTier').isChecked()).resolves.toBe(true);
    await expect(field(page, 'fargateSize').inputValue()).resolves.toBe('1-2');
    const expected = computeCosts(inputs);
    await expect(shown(page, 'lambda.total')).resolves.toBe(formatDollars(expected.lambda.total));
    await expect(shown(page, 'lambda.init')).resolves.toBe(formatDollars(expected.lambda.init));
    await expect(shown(page, 'fargate.total')).resolves.toBe(formatDollars(expected.fargate.total));
    // The link box and the copy button hand out the same link.
    await browser
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: browser.url() });
    const link = await field(page, 'permalink').inputValue();
    expect(fromQuery(new URL(link).search)).toEqual(inputs);
    await page.getByRole('button', { name: 'Copy link' }).click();
    // The clipboard write is asynchronous: wait for the confirmation rather than race it.
    await page.locator('.cost-calculator__copied', { hasText: 'Link copied.' }).waitFor();
    await expect(page.locator('.cost-calculator__copied').textContent()).resolves.toBe(
      'Link copied.',
    );
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
    expect(errors).toEqual([]);
    await page.close();
  });
});
