import { chromium, type Browser } from 'playwright-core';
import { ensureDebianPackage } from './debian-package.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Browser tests drive Debian's Chromium (a test tool's own browser download cannot work here); the font is for the Chinese screenshots. */
export function ensureChromium(): void {
  ensureDebianPackage(CHROMIUM, ['chromium', 'fonts-wqy-microhei'], 'the browser tests');
}

/** Headless Chromium with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
