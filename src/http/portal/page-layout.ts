import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { MessageKey, Words } from './portal-messages.js';
import { STYLESHEET_PATH } from './stylesheet.js';

/** A fragment of HTML: interpolated values are escaped unless they are fragments themselves. */
export type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageContext {
  readonly words: Words;
  /** The path and query of this page, for the language switch. */
  readonly path: string;
  /** The token every form on the page carries (CSRF). */
  readonly csrfToken: string;
  /** Present when someone is signed in: their name, who they may act as. */
  readonly signedIn?: {
    readonly name: string | null;
    /** Staff roles, for the links to their consoles. */
    readonly roles?: readonly string[];
    readonly identities: readonly { readonly scheme: string; readonly value: string }[];
    readonly acting: number;
  };
}

/** The frame of every portal page: skip link, navigation, language switch, sign-out, one h1. */
export function page(context: PageContext, title: string, body: Fragment): Fragment {
  const { words, signedIn } = context;
  const { t } = words;
  const other = words.language === 'en' ? 'zh' : 'en';
  const switchHref = `${context.path}${context.path.includes('?') ? '&' : '?'}lang=${other}`;
  const as = signedIn && signedIn.acting > 0 ? `?as=${signedIn.acting}` : '';
  return html`<!doctype html>
<html lang="${words.language === 'zh' ? 'zh-Hans' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('siteName')}</title><link rel="stylesheet" href="${STYLESHEET_PATH}"></head>
<body><a class="skip" href="#main">${t('skipToContent')}</a>
<header><div class="bar"><span class="site">${t('siteName')}</span>
<span><a href="${switchHref}" lang="${other === 'zh' ? 'zh-Hans' : 'en'}" hreflang="${other}">${t('languageSwitch')}</a>
${
  signedIn
    ? html` · ${t('signedInAs')} ${signedIn.name ?? ''} <form method="post" action="/signout"><input type="hidden" name="_csrf" value="${context.csrfToken}"><button type="submit">${t('signOut')}</button></form>`
    : html` · <a href="/signin">${t('signIn')}</a>`
}</span></div>
${signedIn ? signedInNav(context, signedIn, as) : ''}
<nav aria-label="${t('publicNav')}"><ul><li><a href="/lookup">${t('lookupTitle')}</a></li><li><a href="/lookup#lists">${t('navPublishedLists')}</a></li><li><a href="/rulebooks">${t('rulebooksTitle')}</a></li><li><a href="/catalog">${t('catalogTitle')}</a></li><li><a href="/transparency">${t('transparencyTitle')}</a></li><li><a href="/verify">${t('verifyTitle')}</a></li></ul></nav>
</header>
<main id="main"><h1>${title}</h1>
${signedIn && signedIn.identities.length > 1 ? actingSwitch(context, signedIn) : ''}
${body}</main></body></html>`;
}

/** Who is signed in, as far as the menu and the landing page care. */
type SignedInHolder = Pick<NonNullable<PageContext['signedIn']>, 'identities' | 'roles'>;

/** Staff roles that have a console of their own in the portal, and its path. */
const STAFF_CONSOLES: readonly { readonly role: string; readonly path: string; readonly title: MessageKey }[] = [
  { role: 'reviewer', path: '/review', title: 'reviewTitle' },
];

/** Whether the signed-in person holds no identifier of their own here: staff who came to work, not to see their data. */
function staffOnly(signedIn: SignedInHolder): boolean {
  return signedIn.identities.length === 0 && (signedIn.roles?.length ?? 0) > 0;
}

/**
 * Where a person lands after signing in: staff without an identity of their own on their
 * console (the review queue for a reviewer), everyone else on their rating.
 */
export function landingPath(signedIn: SignedInHolder): string {
  const home = staffOnly(signedIn) ? STAFF_CONSOLES.find((c) => signedIn.roles?.includes(c.role)) : undefined;
  return home?.path ?? '/me';
}

/**
 * The signed-in person's menu: the pages about their own data when they hold an identifier,
 * their consoles when they are staff. Auditors and administrators work through the API, so
 * staff without a console are pointed at its documentation.
 */
function signedInNav(context: PageContext, signedIn: NonNullable<PageContext['signedIn']>, as: string): Fragment {
  const { t } = context.words;
  const roles = signedIn.roles ?? [];
  const consoles = STAFF_CONSOLES.filter((c) => roles.includes(c.role));
  const apiOnly = roles.some((role) => !STAFF_CONSOLES.some((c) => c.role === role));
  return html`<nav aria-label="${t('siteName')}"><ul>
${
  staffOnly(signedIn)
    ? ''
    : html`<li><a href="/me${as}">${t('navRating')}</a></li><li><a href="/me/records${as}">${t('navRecords')}</a></li>
<li><a href="/me/lists${as}">${t('navLists')}</a></li><li><a href="/me/access-log${as}">${t('navAccess')}</a></li><li><a href="/me/disputes${as}">${t('navDisputes')}</a></li>`
}${consoles.map((c) => html`<li><a href="${c.path}">${t(c.title)}</a></li>`)}${staffOnly(signedIn) && apiOnly ? html`<li><a href="/docs">${t('navStaffApi')}</a></li>` : ''}</ul></nav>`;
}

/**
 * A representative of a company chooses whose data to see: their own or the company's. The
 * first identifier is the person's own (the claim mapping lists the personal one first); the
 * others are organizations they represent, named by their code.
 */
function actingSwitch(context: PageContext, signedIn: NonNullable<PageContext['signedIn']>): Fragment {
  const { t } = context.words;
  const path = context.path.split('?')[0];
  const label = (value: string, i: number) =>
    i === 0 ? t('actingSelf', { name: signedIn.name ?? value }) : t('actingOrganization', { code: value });
  return html`<form method="get" action="${path}"><label for="as">${t('actingFor')}</label>
<select id="as" name="as">${signedIn.identities.map((id, i) => html`<option value="${i}"${i === signedIn.acting ? html` selected` : ''}>${label(id.value, i)}</option>`)}</select>
<button type="submit">${t('switchTo')}</button></form>`;
}

/** The page as text. */
export async function renderPage(fragment: Fragment): Promise<string> {
  return String(await fragment);
}
