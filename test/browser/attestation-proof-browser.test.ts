/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { launchChromium } from '../support/chromium.js';
import { accessibilityViolations, ARTIFACTS, sidewaysScroll, VIEWS } from '../support/page-checks.js';
import { PORTAL_USERS, startPortalServer, submitRecords, type PortalServer } from '../support/portal-fixture.js';

const MOTHER = { scheme: 'CN-RIC', value: PORTAL_USERS.mother.claims.national_id, name: '王芳' };

/** Pages in a PDF: each page object is `/Type /Page` (the page tree is `/Type /Pages`). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

describe('the signed report and the proof page in a browser (Chromium)', () => {
  let server: PortalServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let reportPath: string;
  let proofPath: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startPortalServer('sqlite');
    // A long full report: sixteen records (an English page holds up to about eighteen, a Chinese one more).
    await submitRecords(
      server,
      'sh-pudong-court',
      Array.from({ length: 16 }, (_, i) =>
        validSubmission({ sourceRef: `(2025)沪0115执${100 + i}号`, subject: MOTHER }),
      ),
    );
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/signin`);
    await page.getByRole('button', { name: /王芳/ }).click();
    await page.waitForURL(`${server.url}/me`);
    // Issued through the API with the browser's own session (the form's redirect is covered over HTTP).
    const issued = await context.request.post(`${server.url}/v1/me/attestations`, { data: { disclosure: 'full' } });
    expect(issued.status()).toBe(201);
    reportPath = `/me/attestations/${((await issued.json()) as { id: string }).id}`;
    const subject = (await server.registry.subjectData.subjectOf(MOTHER))!;
    proofPath = `/me/access-log/${(await server.registry.subjectData.accessLog(subject))[0]!.seq}/proof`;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [name, path] of [
    ['attestation-report', () => reportPath],
    ['access-proof', () => proofPath],
  ] as const) {
    it(`shows the ${name} page at 1280 and 390 px, in English and Chinese, accessible, with no sideways scroll`, async () => {
      for (const view of VIEWS) {
        await page.setViewportSize({ width: view.width, height: 900 });
        await page.goto(`${server.url}${path()}?lang=${view.lang}`);
        await page.screenshot({ path: `${ARTIFACTS}/${name}${view.suffix}.png`, fullPage: true });
        expect(await sidewaysScroll(page), `${name}${view.suffix}`).toBeLessThanOrEqual(0);
        expect(await accessibilityViolations(page), `${name}${view.suffix}`).toEqual([]);
      }
    });
  }

  it('prints a full report on one A4 page, without the navigation, the token or the download link', async () => {
    for (const lang of ['en', 'zh']) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${server.url}${reportPath}?lang=${lang}`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header').isVisible()).toBe(false);
      expect(await page.locator('textarea').isVisible()).toBe(false);
      expect(await page.locator('.report li').count()).toBe(16);
      const pdf = await page.pdf({ format: 'A4', path: `${ARTIFACTS}/attestation-report-${lang}.pdf` });
      expect(pdfPageCount(pdf), lang).toBe(1);
      await page.screenshot({ path: `${ARTIFACTS}/attestation-report-print-${lang}.png`, fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('says on the proof page, in words, that the access is in the log and that the check held', async () => {
    await page.goto(`${server.url}${proofPath}?lang=en`);
    expect(await page.getByRole('status').textContent()).toContain('Verified: yes');
    // The hashes are there for experts, folded away until asked for.
    expect(await page.locator('details dl').isVisible()).toBe(false);
    await page.getByText('For experts: the hashes').click();
    expect(await page.locator('details dl').isVisible()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/access-proof-open.png`, fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
