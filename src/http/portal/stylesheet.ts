import type { FastifyInstance } from 'fastify';
import { hash } from 'node:crypto';

/**
 * The portal's one stylesheet. It is a file rather than an inline <style> so the content
 * security policy can forbid inline styles altogether (style-src 'self'); its path carries
 * its hash, so browsers may keep it for a year and still see every change.
 */
const STYLESHEET = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,"Noto Sans SC","PingFang SC",sans-serif;color:#1a1a1a;background:#fff}
a{color:#0b4f9c}a:focus,button:focus,select:focus{outline:3px solid #f5a700;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header{background:#0b2545;color:#fff;padding:.5rem 1rem}header a{color:#fff}header nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.bar{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem}.site{font-weight:700;font-size:1.1rem}
header form{display:inline}header button{font:inherit;background:none;border:1px solid #fff;color:#fff;padding:.1rem .6rem;cursor:pointer}
main{max-width:60rem;margin:0 auto;padding:1rem}table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:600}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid #ccc;padding:.4rem .5rem}.num{text-align:right}
.button{display:inline-block;background:#0b4f9c;color:#fff;padding:.6rem 1rem;border-radius:.3rem;text-decoration:none}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dd{margin:0;min-width:0;overflow-wrap:anywhere}dt{font-weight:600}
textarea{display:block;width:100%;font:.85rem/1.4 ui-monospace,monospace}fieldset{border:1px solid #ccc;margin:.5rem 0}
.qr{margin:1rem 0}pre{white-space:pre-wrap}.mail{border-bottom:1px solid #ccc}.valid{color:#0a6b2d}.error-summary{border:4px solid #a4161a;padding:.5rem 1rem;margin:1rem 0}.error-summary h2{margin-top:0}
[aria-invalid=true]{border:2px solid #a4161a}[role=status].valid{color:inherit;border-left:4px solid #0a6b2d;background:#eef7f0;padding:.5rem 1rem}.invalid{color:#a4161a}
@media print{header,.no-print,form{display:none}}
.report{border:1px solid #ccc;border-radius:.3rem;padding:0 1rem;margin:1rem 0}.qr figcaption{overflow-wrap:anywhere}.hashes{display:block}.hashes dd{margin:0 0 .75rem}.hashes code,.hashes pre{font-size:.85rem}@page{size:A4;margin:12mm 15mm}@media print{body{font-size:10pt;line-height:1.35}main{padding:0;max-width:none}h1{font-size:16pt;margin:0 0 .4rem}.report{border:0;padding:0;margin:0}.report p{margin:.4rem 0}.report ul{margin:0;padding-left:1.1rem}.report li{font-size:9pt;break-inside:avoid}.qr{margin:.4rem 0}.qr svg{width:3.6cm;height:3.6cm}}
.band{font-size:2rem;font-weight:700}.muted{color:#555}.tag{display:inline-block;border:1px solid #555;border-radius:.2rem;padding:0 .3rem;font-size:.9rem}
code{overflow-wrap:anywhere}.rule{border-top:1px solid #ccc;margin-top:1.5rem}.rule h2{font-size:1.2rem;margin:.75rem 0 .25rem}
.bars{margin:1rem 0}.bars figcaption{font-weight:600}.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.outcomes{margin:.75rem 0}.outcomes p{margin:.2rem 0}.outcomes>svg{display:block;max-width:40rem}
.card{border-top:1px solid #ccc;padding:.5rem 0 1rem}.card h2{font-size:1.2rem;margin:.5rem 0 .25rem}.card ol{margin:0;padding-left:1.25rem}.ceiling{border-left:4px solid #a4161a;background:#fbeeee;padding:.25rem 1rem;margin:1rem 0}details{margin:.5rem 0}summary{cursor:pointer;color:#0b4f9c}
h1{font-size:2.25rem;line-height:1.15;margin:.5rem 0 1.5rem}h2{font-size:1.5rem;line-height:1.25;margin:2rem 0 .75rem}h3{font-size:1.2rem;margin:1.5rem 0 .5rem}
header{border-bottom:8px solid #1d70b8}main{padding:1.5rem 1rem 3rem}main p,main li{max-width:42rem}
.tag{border:0;background:#dbe8f5;color:#0b2545;font-weight:600;padding:.05rem .45rem}
main button,.button{font:inherit;background:#00703c;color:#fff;border:0;border-radius:0;padding:.45rem 1rem;box-shadow:0 2px 0 #002d18;cursor:pointer;text-decoration:none}
input,select,textarea{font:inherit;border:2px solid #0b0c0c;padding:.2rem .3rem;max-width:100%}textarea{font-size:1rem}
.card dl{gap:0 1.5rem}.card dt,.card dd{padding:.35rem 0;border-bottom:1px solid #e5e5e5}
@media print{main{padding:0}main p,main li{max-width:none}h1{font-size:16pt;margin:0 0 .4rem}h2{font-size:12pt;margin:.6rem 0 .3rem}}
@media (max-width:40rem){body{font-size:16px}h1{font-size:1.75rem}h2{font-size:1.3rem}.card dt{border:0;padding-bottom:0}
dl{grid-template-columns:1fr;gap:0}dt{margin-top:.5rem}td[data-label]::before{content:attr(data-label) ": ";font-weight:600}td.num{text-align:left}table,caption,thead,tbody,tr,th,td{display:block}thead{position:absolute;left:-999px}td{border:0;padding:.1rem 0}tr{border-bottom:1px solid #ccc;padding:.5rem 0}}
`;

export const STYLESHEET_PATH = `/assets/portal-${hash('sha256', STYLESHEET, 'hex').slice(0, 16)}.css`;

/** Serves the stylesheet at its hashed path. */
export function stylesheetRoute(app: FastifyInstance): void {
  app.get(STYLESHEET_PATH, { schema: { hide: true } }, (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type('text/css; charset=utf-8')
      .send(STYLESHEET),
  );
}
