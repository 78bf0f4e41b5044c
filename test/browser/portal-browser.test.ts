/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { launchChromium } from '../support/chromium.js';
import { accessibilityViolations, ARTIFACTS, sidewaysScroll, VIEWS } from '../support/page-checks.js';
import { startPortalServer, type PortalServer } from '../support/portal-fixture.js';

const MOTHER = '110101199003074477';

describe('the portal in a browser (Chromium)', () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/portal-${name}.png`, fullPage: true });
  const expectAccessible = async () => expect(await accessibilityViolations(page)).toEqual([]);

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startPortalServer('sqlite');
    const { secret } = await server.registry.apiKeys.issue('institution', 'sh-pudong-court');
    const response = await fetch(`${server.url}/v1/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        validSubmission({ sourceRef: 'j-mother', subject: { scheme: 'CN-RIC', value: MOTHER, name: '王芳' } }),
      ]),
    });
    expect(response.status).toBe(200);
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-GB' });
    page.setDefaultTimeout(5_000);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs a citizen in through the identity provider and shows the rating with its reasons', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Sign in with the national identity service' }).click();
    await page.getByRole('button', { name: /王芳/ }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/me`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('My rating');
    expect(await page.locator('.band').textContent()).toBeTruthy();
    expect(await page.getByRole('table').first().textContent()).toContain('Points');
    expect(await page.getByRole('img', { name: 'My rating over the last five years' }).count()).toBe(1);
    await shot('rating');
    await expectAccessible();
  });

  it('opens the records page with the record, its source and its legal basis', async () => {
    await page.getByRole('link', { name: 'My records' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('My records');
    const row = page.getByRole('region').filter({ hasText: 'j-mother' });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Civil Procedure Law');
    await shot('records');
    await expectAccessible();
  });

  it('shows the lists page, accessible even when empty', async () => {
    await page.getByRole('link', { name: 'Lists and restrictions' }).click();
    expect(await page.getByText(/^You are not on any enforcement list\./).count()).toBe(1);
    await shot('lists');
    await expectAccessible();
  });

  it('shows a screening check made through the API in "who looked at my data"', async () => {
    const { secret } = await server.registry.apiKeys.issue('relying_party', 'air-china');
    const check = await fetch(`${server.url}/v1/checks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: { scheme: 'CN-RIC', value: MOTHER },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
        reference: 'PNR-77',
      }),
    });
    expect(check.status).toBe(200);
    await page.getByRole('link', { name: 'Who looked at my data' }).click();
    const row = page.getByRole('row').filter({ hasText: 'checked whether you may buy an air ticket of any class' });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(': allowed.');
    await shot('access-log');
    await expectAccessible();
  });

  it('issues a signed report from the rating page and verifies it at the link its QR code carries', async () => {
    await page.getByRole('link', { name: 'My rating' }).click();
    await page.getByLabel('My rating, every record and every list entry').check();
    await page.getByRole('button', { name: 'Issue the signed report' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Your signed report');
    expect(
      await page.getByRole('img', { name: /^(Scan to check this report online|The signed report itself)/ }).count(),
    ).toBe(1);
    await shot('attestation');
    await expectAccessible();
    await page.getByRole('link', { name: /\/verify\// }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Valid');
    await shot('attestation-verified');
    await expectAccessible();
  });

  it('switches to Chinese and back', async () => {
    await page.getByRole('link', { name: 'Who looked at my data' }).click();
    await page.getByRole('link', { name: '中文' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('谁查看了我的信息');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    await shot('access-log-zh');
    await expectAccessible();
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Who looked at my data');
  });

  it('works on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 740 });
    await page.getByRole('link', { name: 'My records' }).click();
    const overflow = await sidewaysScroll(page);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('records-phone');
    await page.getByRole('link', { name: 'Who looked at my data' }).click();
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    await shot('access-log-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('disputes a record from the records page, gets a receipt with the deadline, and sees the record marked with the statement', async () => {
    await page.goto(`${server.url}/me/records`);
    await page.getByRole('region').filter({ hasText: 'j-mother' }).getByRole('link', { name: 'Dispute' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dispute this');
    await expectAccessible();
    await page.getByLabel('Why it is wrong').fill('The judgment was performed in full last year.');
    await page.getByLabel('A statement to show beside the record').fill('I paid the whole amount on 2025-12-01.');
    await page.getByRole('button', { name: 'File the dispute' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Your dispute is filed.');
    await shot('dispute-receipt');
    await expectAccessible();
    await page.getByRole('link', { name: 'My records' }).click();
    const row = page.getByRole('region').filter({ hasText: 'j-mother' });
    expect(await row.textContent()).toContain('disputed');
    expect(await row.textContent()).toContain('I paid the whole amount on 2025-12-01.');
    await shot('records-disputed');
  });

  it('lets a reviewer decide the dispute in the console, and the subject sees the decision and its reasons', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const staff = await context.newPage();
    staff.setDefaultTimeout(5_000);
    await staff.goto(`${server.url}/review`);
    await staff
      .getByRole('button', { name: /^Reviewer/ })
      .first()
      .click();
    await expect.poll(() => staff.getByRole('heading', { level: 1 }).textContent()).toBe('Dispute review');
    expect(await accessibilityViolations(staff)).toEqual([]);
    await staff.getByRole('row').nth(1).getByRole('link').click();
    expect(await staff.getByText('The judgment was performed in full last year.').count()).toBe(1);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await staff.screenshot({ path: `${ARTIFACTS}/portal-review.png`, fullPage: true });
    await staff.getByLabel(/^Against the person/).check();
    await staff.getByLabel('Reasons').fill('The court has no record of payment.');
    await staff.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => staff.getByRole('status').textContent()).toContain('Your decision is recorded');
    await context.close();
    await page.getByRole('link', { name: 'My disputes' }).click();
    expect(await page.getByRole('row').nth(1).textContent()).toContain('The court has no record of payment.');
  });

  it('shows the public pages (rulebooks, catalog, lookup, list search, verification) without accessibility violations', async () => {
    for (const path of [
      '/rulebooks',
      '/rulebooks/persons/1.0.0',
      '/catalog',
      '/lookup',
      '/lookup?q=%E4%B8%8A%E6%B5%B7',
      '/lookup/lists/dishonest-judgment-debtors?q=%E5%BC%A0%E4%B8%89',
      '/lookup?q=x',
      '/transparency',
      '/verify',
    ]) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(await accessibilityViolations(page), path).toEqual([]);
    }
    for (const [name, path] of [
      ['rulebook', '/rulebooks/persons/1.0.0'],
      ['list', '/lookup/lists/dishonest-judgment-debtors'],
      ['transparency', '/transparency'],
    ])
      for (const { suffix, lang, width } of VIEWS) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${server.url}${path}?lang=${lang}`);
        expect(await sidewaysScroll(page), `${path} at ${width} px in ${lang}`).toBeLessThanOrEqual(0);
        await shot(`${name}${suffix}`);
      }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/me?lang=en`);
  });

  it('signs out, and the pages then ask to sign in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/`);
    for (const { suffix, lang, width } of VIEWS) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${server.url}/?lang=${lang}`);
      expect(await sidewaysScroll(page), `home at ${width} px in ${lang}`).toBeLessThanOrEqual(0);
      await shot(`home${suffix}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/?lang=en`);
    await page.goto(`${server.url}/me/records`);
    await expect.poll(() => page.url()).toContain(server.provider.issuer);
    await shot('signed-out');
  });
});
