import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../context.js';

/** The dashboard's files: `public/` at the package root, the same from src/ and from dist/. */
export const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** Reads the folder once at start-up; only files of a known type are served, and nothing below it. */
export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    assets.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
  }
  return assets;
}

/**
 * The dashboard: a page that holds no data, its script and stylesheet as files of their own so the
 * page's Content-Security-Policy can forbid inline script. The API token is pasted once in the page.
 */
export function dashboardRoutes(_deps: AppDeps, dir = PUBLIC_DIR): FastifyPluginAsync {
  return async (app) => {
    const assets = loadAssets(dir);
    const serve = async (name: string, request: FastifyRequest, reply: FastifyReply) => {
      const asset = assets.get(name);
      if (!asset) return reply.callNotFound();
      void reply.header('etag', asset.etag).header('cache-control', 'no-cache').type(asset.type);
      if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
      return reply.send(asset.body);
    };
    app.get('/', { config: { audience: 'public' } }, async (request, reply) => serve('index.html', request, reply));
    app.get<{ Params: { name: string } }>('/assets/:name', { config: { audience: 'public' } }, async (request, reply) =>
      serve(request.params.name, request, reply),
    );
  };
}
