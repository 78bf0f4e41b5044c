import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer (@fastify/helmet): a content security policy with no
 * script at all and styles only from this origin's stylesheet, no framing by other sites
 * (clickjacking), no MIME sniffing, no Referer leaving the site (portal URLs can name a
 * subject), and HSTS when the deployment is reached over https.
 */
export async function registerSecurityHeaders(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    hsts: new URL(publicUrl).protocol === 'https:' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
