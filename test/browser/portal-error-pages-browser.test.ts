/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { accessibilityViolations, ARTIFACTS, sidewaysScroll } from '../support/page-checks.js';
import {
  startPortalServer,
  submitRecords,
  MOTHERS_FARE_EVASION,
  type PortalServer,
} from '../support/portal-fixture.js';

const GROUNDS = 'I paid the fare at the station: the receipt shows the date and the amount.';
const LONG_STATEMENT = Array.from({ length: 101 }, (_, i) => `word${i + 1}`).join(' ');
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 740 },
] as const;
const LANGUAGES = [
  {
    lang: 'en',
    notFound: 'Page not found',
    home: 'The start page',
    problem: 'There is a problem',
    tooLong: 'Shorten your statement to 100 words or fewer. It has 101 words.',
    notAccepted: /^A file you chose is not a PDF or a picture/,
    chooseAgain: 'choose your files again',
  },
  {
    lang: 'zh',
    notFound: '找不到此页面',
    home: '首页',
    problem: '请更正以下问题',
    tooLong: '说明最多100字，现有101字，请删减。',
    notAccepted: /^您选择的文件不是 PDF 或图片/,
    chooseAgain: '请重新选择文件',
  },
] as const;

describe('portal errors and a refused form in a browser (Chromium)', () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;
  let recordId: string;

  const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/portal-${name}.png`, fullPage: true });
  const expectAccessible = async () => expect(await accessibilityViolations(page)).toEqual([]);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startPortalServer('sqlite');
    [recordId] = (await submitRecords(server, 'sh-transport', [MOTHERS_FARE_EVASION])) as [string];
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-GB' });
    page.setDefaultTimeout(5_000);
    await page.goto(`${server.url}/signin`);
    await page.getByRole('button', { name: /王芳/ }).click();
    await page.waitForURL(`${server.url}/me`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const words of LANGUAGES) {
    for (const size of WIDTHS) {
      const suffix = `${words.lang}-${size.name}`;

      it(`an unknown page is a 404 page with navigation (${suffix})`, async () => {
        await page.setViewportSize({ width: size.width, height: size.height });
        const response = await page.goto(`${server.url}/me/no-such-page?lang=${words.lang}`);
        expect(response!.status()).toBe(404);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(words.notFound);
        expect(await page.getByRole('main').getByRole('link', { name: words.home }).count()).toBe(1);
        expect(await page.getByRole('navigation').count()).toBeGreaterThan(0);
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
        await shot(`not-found-${suffix}`);
        await expectAccessible();
        await page.getByRole('main').getByRole('link', { name: words.home }).click();
        await expect.poll(() => page.url()).toBe(`${server.url}/me`);
      });

      it(`a dispute refused for its statement and its file keeps what was typed (${suffix})`, async () => {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.goto(`${server.url}/me/disputes/new?record=${recordId}&lang=${words.lang}`);
        await page.locator('#grounds').fill(GROUNDS);
        await page.locator('#statement').fill(LONG_STATEMENT);
        await page.locator('#evidence').setInputFiles({
          name: 'receipt.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('<html><body>not a receipt</body></html>'),
        });
        await page.getByRole('main').locator('button[type=submit]').click();
        const summary = page.getByRole('alert');
        await expect.poll(() => summary.locator('h2').textContent()).toBe(words.problem);
        expect(await summary.getByRole('link', { name: words.tooLong }).count()).toBe(1);
        expect(await summary.getByRole('link', { name: words.notAccepted }).count()).toBe(1);
        expect(await page.locator('#grounds').inputValue()).toBe(GROUNDS);
        expect(await page.locator('#statement').inputValue()).toBe(LONG_STATEMENT);
        expect(await page.locator('#statement').getAttribute('aria-describedby')).toBe('statement-error');
        expect(await page.locator('#statement-error').textContent()).toBe(words.tooLong);
        expect(await page.locator('#evidence').getAttribute('aria-describedby')).toBe('evidence-error evidence-again');
        expect(await page.locator('#evidence-again').textContent()).toContain(words.chooseAgain);
        expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
        await shot(`dispute-refused-${suffix}`);
        await expectAccessible();
        await summary.getByRole('link', { name: words.tooLong }).click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('statement');
      });
    }
  }
});
