/// <reference lib="dom" />
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { machineCodesIn } from './machine-codes.js';

/** Where browser tests save their screenshots. */
export const ARTIFACTS = 'test-results';

/** Each page at a desktop and a phone width, in English and Chinese. */
export const VIEWS = [
  { suffix: '', lang: 'en', width: 1280 },
  { suffix: '-zh', lang: 'zh', width: 1280 },
  { suffix: '-phone', lang: 'en', width: 390 },
  { suffix: '-phone-zh', lang: 'zh', width: 390 },
] as const;

/** Serious and critical accessibility violations axe-core finds in the page as it is now. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's own policy forbids inline scripts, and a script tag would be refused.
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run());
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** How far the page scrolls sideways (0 or less: it fits the viewport). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The machine codes and ids in the text the page shows (closed disclosures are not shown, so not scanned). */
export async function visibleMachineCodes(page: Page): Promise<string[]> {
  return machineCodesIn(await page.evaluate(() => document.body.innerText));
}
