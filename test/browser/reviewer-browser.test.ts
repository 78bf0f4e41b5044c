/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { launchChromium } from '../support/chromium.js';
import { accessibilityViolations, ARTIFACTS, sidewaysScroll, VIEWS } from '../support/page-checks.js';
import { PORTAL_USERS, startPortalServer, submitRecords, type PortalServer } from '../support/portal-fixture.js';

describe('a reviewer in a browser (Chromium)', () => {
  let server: PortalServer;
  let browser: Browser;
  let page: Page;
  let disputeId: string;

  /** The page at every view: no sideways scrolling, no serious accessibility violation, a screenshot each. */
  const shootEveryView = async (path: string, name: string) => {
    for (const { suffix, lang, width } of VIEWS) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      const overflow = await sidewaysScroll(page);
      expect(overflow, `${name} at ${width} px in ${lang}`).toBeLessThanOrEqual(0);
      expect(await accessibilityViolations(page), `${name} in ${lang}`).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/reviewer-${name}${suffix}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}lang=en`);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startPortalServer('sqlite');
    const [recordId] = await submitRecords(server, 'sh-pudong-court', [
      validSubmission({
        sourceRef: '(2025)沪0115执777号',
        subject: { scheme: 'CN-RIC', value: PORTAL_USERS.mother.claims.national_id, name: '王芳' },
        payload: { caseNumber: '(2025)沪0115执777号', amount: 125000, currency: 'CNY' },
      }),
    ]);
    const mother = await server.signIn('mother');
    const filed = await mother.request(`${server.url}/v1/me/disputes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        recordId,
        grounds: 'The judgment was performed in full last year.',
        statement: 'I paid the whole amount on 2025-12-01.',
      }),
    });
    disputeId = ((await filed.json()) as { id: string }).id;
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    page.setDefaultTimeout(5_000);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in to the queue with the staff menu, not the citizen’s', async () => {
    await page.goto(`${server.url}/review`);
    await page
      .getByRole('button', { name: /^Reviewer\b/ })
      .first()
      .click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dispute review');
    const menu = page.getByRole('navigation', { name: 'Probity' });
    expect(await menu.getByRole('link', { name: 'Dispute review' }).count()).toBe(1);
    expect(await menu.getByRole('link', { name: 'My rating' }).count()).toBe(0);
    await shootEveryView('/review', 'queue');
  });

  it('shows the dispute: the person’s statement, the record’s fields in words, each outcome from the person’s side', async () => {
    await page.getByRole('row').nth(1).getByRole('link').click();
    expect(await page.getByText("The person's statement").count()).toBe(1);
    expect(await page.getByText('Your statement').count()).toBe(0);
    const fields = page.locator('dl.payload');
    expect(await fields.textContent()).toContain('Case number(2025)沪0115执777号');
    expect(await fields.textContent()).toContain('Amount125,000');
    expect(await page.getByLabel(/^In the person's favour/).count()).toBe(1);
    await shootEveryView(`/review/${disputeId}`, 'dispute');
  });

  it('confirms the decision once recorded and says what happens next', async () => {
    await page.getByLabel(/^Against the person/).check();
    await page.getByLabel('Reasons').fill('The court has no record of payment.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent()).toContain('Your decision is recorded: against the person.');
    expect(await status.textContent()).toContain('The record counts again.');
    expect(await page.getByRole('button', { name: 'Record the decision' }).count()).toBe(0);
    await shootEveryView(`/review/${disputeId}?decided`, 'decided');
    await page.goto(`${server.url}/review/${disputeId}?decided&lang=zh`);
    expect(await page.getByRole('status').textContent()).toContain('您的决定已记录：不利于当事人（异议不成立）。');
    await page.goto(`${server.url}/review?lang=en`);
  });
});
