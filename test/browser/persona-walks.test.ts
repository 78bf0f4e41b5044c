/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import {
  accessibilityViolations,
  ARTIFACTS,
  sidewaysScroll,
  visibleMachineCodes,
  VIEWS,
} from '../support/page-checks.js';
import { PORTAL_USERS, startPortalServer, submitRecords, type PortalServer } from '../support/portal-fixture.js';

const CASE = '(2024)沪0115执1234号';
const person = (user: 'debtor' | 'mother' | 'representative') => ({
  scheme: 'CN-RIC',
  value: PORTAL_USERS[user].claims.national_id,
  name: PORTAL_USERS[user].name,
});
const COMPANY = { scheme: 'CN-USCC', value: PORTAL_USERS.representative.claims.uscc, name: '上海航瑞物流有限公司' };
const judgment = (subject: object, caseNumber: string, amount: number, effectiveAt: string) => ({
  type: 'court.judgment_unperformed',
  sourceRef: `J-${caseNumber}`,
  subject,
  effectiveAt,
  payload: { caseNumber, amount, currency: 'CNY' },
});

/**
 * Each persona walks the pages that matter to them. Every page is checked at desktop and phone
 * width in both languages (no sideways scroll, axe clean, no machine code or id in what it shows)
 * and saved as test-results/persona-<page>[-zh][-phone].png.
 */
describe('persona walks in a browser (Chromium)', () => {
  let server: PortalServer;
  let browser: Browser;

  /** A fresh browser session, signed in as `user` through the identity provider unless anonymous. */
  async function sessionOf(user?: keyof typeof PORTAL_USERS): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    page.setDefaultTimeout(5_000);
    if (!user) return page;
    const { name, description } = PORTAL_USERS[user];
    await page.goto(`${server.url}/signin`);
    await page.getByRole('button', { name: new RegExp(`^${name}\\s*${description}`) }).click();
    await page.waitForURL((url) => url.origin === server.url && !url.pathname.startsWith('/signin'));
    return page;
  }

  /** Opens `path` in every view, checks it, saves it, and leaves the page on it in English at desktop width. */
  async function walk(page: Page, name: string, path: string): Promise<void> {
    const at = (lang: string) => `${server.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
    for (const { suffix, lang, width } of VIEWS) {
      await page.setViewportSize({ width, height: 800 });
      const response = await page.goto(at(lang));
      const view = `${path} at ${width} px in ${lang}`;
      expect(response?.status(), view).toBeLessThan(400);
      expect(await sidewaysScroll(page), view).toBeLessThanOrEqual(0);
      expect(await accessibilityViolations(page), view).toEqual([]);
      expect(await visibleMachineCodes(page), view).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/persona-${name}${suffix}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(at('en'));
  }
  const text = (page: Page) => page.evaluate(() => document.body.innerText);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startPortalServer('sqlite');
    await submitRecords(server, 'sh-pudong-court', [
      judgment(person('debtor'), CASE, 186_000, '2024-09-02T00:00:00.000Z'),
      {
        type: 'court.dishonest_debtor_listing',
        sourceRef: 'L-1234',
        subject: person('debtor'),
        effectiveAt: '2025-03-10T00:00:00.000Z',
        payload: {
          caseNumber: CASE,
          decisionReference: `${CASE}之一`,
          obligation: '支付货款人民币186,000元及利息',
          ground: 'able_but_refuses',
        },
      },
      judgment(person('mother'), '(2025)沪0101民初88号', 420_000, '2025-11-03T00:00:00.000Z'),
      judgment(person('mother'), '(2026)沪0101民初12号', 95_000, '2026-02-16T00:00:00.000Z'),
      judgment(COMPANY, '(2025)沪0115民初3071号', 1_250_000, '2025-08-20T00:00:00.000Z'),
    ]);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('the listed debtor', () => {
    let page: Page;
    beforeAll(async () => {
      page = await sessionOf('debtor');
    });

    it('reads first that the list caps the rating, then what takes them off it', async () => {
      await walk(page, 'debtor-rating', '/me');
      expect(await page.locator('.band').textContent()).toBe('Bad');
      expect(await page.getByRole('note').textContent()).toContain(
        'While you are on the list of dishonest judgment debtors your rating is at most Bad',
      );
      const steps = await page.getByRole('region', { name: 'What you can do' }).textContent();
      expect(steps).toContain(
        `List of dishonest judgment debtors: you come off it at once when one of these is recorded for ${CASE}:`,
      );
      expect(steps).toContain('until the obligation is met, and for 5 years after that');
    });

    it('finds the same listing on the lists page, and the records behind it with their case number', async () => {
      await walk(page, 'debtor-lists', '/me/lists');
      expect(await page.getByRole('heading', { level: 2, name: /List of dishonest judgment debtors/ }).count()).toBe(1);
      await walk(page, 'debtor-records', '/me/records');
      expect(await page.getByText(CASE).count()).toBeGreaterThan(0);
    });
  });

  describe('a citizen rated Bad', () => {
    let page: Page;
    beforeAll(async () => {
      page = await sessionOf('mother');
    });

    it('sees why, in words, and how far the next band is', async () => {
      await walk(page, 'bad-rating', '/me');
      expect(await page.locator('.band').textContent()).toBe('Bad');
      expect(await text(page)).toContain('A court judgment against you has not been performed');
      expect(await page.getByRole('region', { name: 'What you can do' }).textContent()).toMatch(
        /\d+ more points would take you to Good\./,
      );
    });

    it('sees who looked, as sentences, after an airline checks', async () => {
      const { secret } = await server.registry.apiKeys.issue('relying_party', 'air-china');
      await fetch(`${server.url}/v1/checks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          subject: { scheme: 'CN-RIC', value: person('mother').value },
          action: 'air.ticket.any',
          purpose: 'ticket_sale',
          reference: 'PNR-77',
        }),
      });
      await walk(page, 'bad-access-log', '/me/access-log');
      expect(await text(page)).toContain('checked whether you may buy an air ticket of any class');
    });

    it('disputes a judgment, is told inline how to fix a statement that is too long, and keeps what was typed', async () => {
      await walk(page, 'bad-records', '/me/records');
      await page
        .getByRole('region')
        .filter({ hasText: '(2026)沪0101民初12号' })
        .getByRole('link', { name: 'Dispute' })
        .click();
      await page
        .getByLabel('Why it is wrong')
        .fill('I paid the whole amount on 2026-03-01; the court has the receipt.');
      await page.getByLabel('A statement to show beside the record').fill('word '.repeat(120));
      await page.getByRole('button', { name: 'File the dispute' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('100');
      expect(await page.getByLabel('Why it is wrong').inputValue()).toContain('I paid the whole amount');
      await page.getByLabel('A statement to show beside the record').fill('I paid in full on 2026-03-01.');
      await page.getByRole('button', { name: 'File the dispute' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toContain('Your dispute is filed.');
      await walk(page, 'bad-disputes', '/me/disputes');
    });
  });

  describe('a company representative', () => {
    it('switches to the company and reads its rating and records', async () => {
      const page = await sessionOf('representative');
      await walk(page, 'company-rating', '/me?as=1');
      expect(await text(page)).toContain('A court judgment against the organization has not been performed');
      await walk(page, 'company-records', '/me/records?as=1');
      expect(await page.getByText('(2025)沪0115民初3071号').count()).toBeGreaterThan(0);
    });
  });

  describe('a public visitor', () => {
    it('learns what Probity is, finds a company by part of its name, and reads the published lists and rules', async () => {
      const page = await sessionOf();
      await walk(page, 'public-home', '/');
      await walk(page, 'public-lookup', `/lookup?q=${encodeURIComponent('航瑞')}`);
      expect(await page.getByRole('link', { name: /上海航瑞物流有限公司/ }).count()).toBe(1);
      await walk(page, 'public-organization', `/lookup/CN-USCC/${COMPANY.value}`);
      await walk(page, 'public-list', '/lookup/lists/dishonest-judgment-debtors');
      await walk(page, 'public-rulebook', '/rulebooks/persons/1.0.0');
      await walk(page, 'public-transparency', '/transparency');
    });
  });

  describe('a reviewer', () => {
    it('lands on the console and decides the dispute in the person’s favour, with a confirmation', async () => {
      const page = await sessionOf('reviewer');
      expect(new URL(page.url()).pathname).toBe('/review');
      await walk(page, 'reviewer-console', '/review');
      await page.getByRole('row').nth(1).getByRole('link').click();
      const dispute = new URL(page.url()).pathname;
      await walk(page, 'reviewer-dispute', dispute);
      expect(await text(page)).toContain('I paid in full on 2026-03-01.');
      await page.getByLabel(/^In the person.s favour/).check();
      await page.getByLabel('Reasons (the person reads them)').fill('The court confirmed the payment.');
      await page.getByRole('button', { name: 'Record the decision' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toContain('Your decision is recorded');
      await page.screenshot({ path: `${ARTIFACTS}/persona-reviewer-decided.png`, fullPage: true });
      expect(await visibleMachineCodes(page)).toEqual([]);
    });
  });
});
