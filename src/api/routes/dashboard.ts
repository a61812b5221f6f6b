import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AppDeps } from '../context.js';
import { PAGE_CSP } from '../plugins/security.js';

/** The web app as Vite builds it (`npm run build`): the same folder from src/ and from dist/. */
export const WEB_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/**
 * The app's own addresses: each answers the page, which then shows the view the address names, so
 * every view and every decision has a URL that can be bookmarked, reloaded and shared.
 */
export const APP_PATHS = ['/', '/briefing', '/activity', '/twin', '/settings', '/connections', '/users', '/decisions/:id', '/approvals/:id'] as const;

/** Hashed file names change with their content, so a browser may keep them for a year. */
const YEAR_SECONDS = 365 * 24 * 60 * 60;

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SkyTwin</title></head><body><main><h1>The dashboard is not built</h1><p>Run <code>npm run build</code> (or <code>npm install</code>), then reload this page.</p></main></body></html>`;

/**
 * The dashboard: a page that holds no data and no inline script (the page's Content-Security-Policy
 * forbids it), its scripts and stylesheets under /assets/ with names that change with their content.
 * The routes are ours rather than the static plugin's so each declares its audience.
 */
export function dashboardRoutes(_deps: AppDeps, dir = WEB_DIR): FastifyPluginAsync {
  return async (app) => {
    await app.register(fastifyStatic, { root: dir, serve: false });
    const page = (reply: FastifyReply) => {
      if (!existsSync(join(dir, 'index.html'))) return reply.status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT);
      // Always revalidated (the ETag makes that cheap), so a rebuilt app is picked up on the next load.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    };
    // A 304 carries no content type, so the security plugin would give it the data policy, and the
    // browser would apply that to the page it keeps (blocking the page's own script): the page's
    // routes always answer with the page's policy.
    const pagePolicy = async (_request: unknown, reply: FastifyReply, payload: unknown) => {
      void reply.header('content-security-policy', PAGE_CSP);
      return payload;
    };
    for (const path of APP_PATHS) app.get(path, { config: { audience: 'public' }, onSend: pagePolicy }, async (_request, reply) => page(reply));
    app.get<{ Params: { '*': string } }>('/assets/*', { config: { audience: 'public' } }, async (request, reply) => {
      const name = request.params['*'];
      // Only the build's own flat file names: nothing above the folder, no hidden files.
      if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name)) return reply.callNotFound();
      return reply.sendFile(`assets/${name}`, { maxAge: YEAR_SECONDS * 1000, immutable: true });
    });
    // Unhashed names: cached for an hour only. notice.css styles the pages the API writes itself.
    for (const name of ['favicon.svg', 'notice.css']) {
      app.get(`/${name}`, { config: { audience: 'public' } }, async (_request, reply) => reply.sendFile(name, { maxAge: 60 * 60 * 1000 }));
    }
  };
}
