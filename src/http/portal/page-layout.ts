import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Words } from './portal-messages.js';

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

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,"Noto Sans SC","PingFang SC",sans-serif;color:#1a1a1a;background:#fff}
a{color:#0b4f9c}a:focus,button:focus,select:focus{outline:3px solid #f5a700;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header{background:#0b2545;color:#fff;padding:.5rem 1rem}header a{color:#fff}header nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.bar{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem}.site{font-weight:700;font-size:1.1rem}
header form{display:inline}header button{font:inherit;background:none;border:1px solid #fff;color:#fff;padding:.1rem .6rem;cursor:pointer}
main{max-width:60rem;margin:0 auto;padding:1rem}table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:600}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid #ccc;padding:.4rem .5rem}.num{text-align:right}
.button{display:inline-block;background:#0b4f9c;color:#fff;padding:.6rem 1rem;border-radius:.3rem;text-decoration:none}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dd{margin:0}dt{font-weight:600}
textarea{display:block;width:100%;font:.85rem/1.4 ui-monospace,monospace}fieldset{border:1px solid #ccc;margin:.5rem 0}
.qr{margin:1rem 0}pre{white-space:pre-wrap}.mail{border-bottom:1px solid #ccc}.valid{color:#0a6b2d}.invalid{color:#a4161a}
@media print{header,.no-print,form{display:none}}
.band{font-size:2rem;font-weight:700}.muted{color:#555}.tag{display:inline-block;border:1px solid #555;border-radius:.2rem;padding:0 .3rem;font-size:.9rem}
@media (max-width:40rem){table,thead,tbody,tr,th,td{display:block}thead{position:absolute;left:-999px}td{border:0;padding:.1rem 0}tr{border-bottom:1px solid #ccc;padding:.5rem 0}}
`;

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
<title>${title} · ${t('siteName')}</title><style>${STYLE}</style></head>
<body><a class="skip" href="#main">${t('skipToContent')}</a>
<header><div class="bar"><span class="site">${t('siteName')}</span>
<span><a href="${switchHref}" lang="${other === 'zh' ? 'zh-Hans' : 'en'}" hreflang="${other}">${t('languageSwitch')}</a>
${signedIn
  ? html` · ${t('signedInAs')} ${signedIn.name ?? ''} <form method="post" action="/signout"><input type="hidden" name="_csrf" value="${context.csrfToken}"><button type="submit">${t('signOut')}</button></form>`
  : html` · <a href="/signin">${t('signIn')}</a>`}</span></div>
${signedIn
  ? html`<nav aria-label="${t('siteName')}"><ul>
<li><a href="/me${as}">${t('navRating')}</a></li><li><a href="/me/records${as}">${t('navRecords')}</a></li>
<li><a href="/me/lists${as}">${t('navLists')}</a></li><li><a href="/me/access-log${as}">${t('navAccess')}</a></li><li><a href="/me/disputes${as}">${t('navDisputes')}</a></li>${signedIn.roles?.includes('reviewer') ? html`<li><a href="/review">${t('reviewTitle')}</a></li>` : ''}</ul></nav>`
  : ''}
<nav aria-label="${t('publicNav')}"><ul><li><a href="/lookup">${t('lookupTitle')}</a></li><li><a href="/rulebooks">${t('rulebooksTitle')}</a></li><li><a href="/catalog">${t('catalogTitle')}</a></li><li><a href="/transparency">${t('transparencyTitle')}</a></li><li><a href="/verify">${t('verifyTitle')}</a></li></ul></nav>
</header>
<main id="main"><h1>${title}</h1>
${signedIn && signedIn.identities.length > 1 ? actingSwitch(context, signedIn) : ''}
${body}</main></body></html>`;
}

/** A representative of a company chooses whose data to see: their own or the company's. */
function actingSwitch(context: PageContext, signedIn: NonNullable<PageContext['signedIn']>): Fragment {
  const { t } = context.words;
  const path = context.path.split('?')[0];
  return html`<form method="get" action="${path}"><label for="as">${t('actingFor')}</label>
<select id="as" name="as">${signedIn.identities.map((id, i) => html`<option value="${i}"${i === signedIn.acting ? html` selected` : ''}>${id.scheme} ${id.value}</option>`)}</select>
<button type="submit">${t('switchTo')}</button></form>`;
}

/** The page as text. */
export async function renderPage(fragment: Fragment): Promise<string> {
  return String(await fragment);
}
