/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { accessibilityViolations, ARTIFACTS, sidewaysScroll, VIEWS } from '../support/page-checks.js';
import { PORTAL_USERS, startPortalServer, submitRecords, type PortalServer } from '../support/portal-fixture.js';

const CASE = '(2024)沪0115执1234号';
const DEBTOR = { scheme: 'CN-RIC', value: PORTAL_USERS.debtor.claims.national_id, name: PORTAL_USERS.debtor.name };

/**
 * Each persona walks the pages that matter to them; every page is checked at desktop and phone
 * width in both languages (no sideways scroll, axe clean) and saved under test-results/.
 */
describe('persona walks in a browser (Chromium)', () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;

  /** Opens `path` in every view, checks it, and saves `persona-<name>-<view>.png`. */
  async function walk(name: string, path: string): Promise<void> {
    for (const { suffix, lang, width } of VIEWS) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      expect(await sidewaysScroll(page), `${path} at ${width} px in ${lang}`).toBeLessThanOrEqual(0);
      expect(await accessibilityViolations(page), `${path} at ${width} px in ${lang}`).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/persona-${name}${suffix}.png`, fullPage: true });
    }
    await page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}lang=en`);
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startPortalServer('sqlite');
    await submitRecords(server, 'sh-pudong-court', [
      {
        type: 'court.judgment_unperformed',
        sourceRef: 'J-1234',
        subject: DEBTOR,
        effectiveAt: '2024-09-02T00:00:00.000Z',
        payload: { caseNumber: CASE, amount: 186_000, currency: 'CNY' },
      },
      {
        type: 'court.dishonest_debtor_listing',
        sourceRef: 'L-1234',
        subject: DEBTOR,
        effectiveAt: '2025-03-10T00:00:00.000Z',
        payload: {
          caseNumber: CASE,
          decisionReference: `${CASE}之一`,
          obligation: '支付货款人民币186,000元及利息',
          ground: 'able_but_refuses',
        },
      },
    ]);
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-GB' });
    page.setDefaultTimeout(5_000);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('the listed debtor', () => {
    it('signs in and reads first that the list caps the rating, then what takes them off it', async () => {
      await page.goto(server.url);
      await page.getByRole('link', { name: 'Sign in with the national identity service' }).click();
      await page.getByRole('button', { name: new RegExp(PORTAL_USERS.debtor.name) }).click();
      await expect.poll(() => page.url()).toBe(`${server.url}/me`);
      expect(await page.locator('.band').textContent()).toBe('Bad');
      const ceiling = page.getByRole('note');
      expect(await ceiling.textContent()).toContain(
        'While you are on the list of dishonest judgment debtors your rating is at most Bad',
      );
      const steps = page.getByRole('region', { name: 'What you can do' });
      expect(await steps.textContent()).toContain(
        `List of dishonest judgment debtors: you come off it at once when one of these is recorded for ${CASE}:`,
      );
      expect(await steps.textContent()).toContain('until the obligation is met, and for 5 years after that');
      await walk('debtor-rating', '/me');
    });

    it('finds the same listing on the lists page, with its restrictions', async () => {
      await walk('debtor-lists', '/me/lists');
      expect(await page.getByRole('heading', { level: 2, name: /List of dishonest judgment debtors/ }).count()).toBe(1);
    });

    it('finds the records behind it on the records page', async () => {
      await walk('debtor-records', '/me/records');
      expect(await page.getByText(CASE).count()).toBeGreaterThan(0);
    });
  });
});
