import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { installLazySerializers, LazySchemas, lazySchemasOf } from './lazy-schemas.js';
import { installValidation } from './validation.js';

async function appWithOneRoute() {
  // No automatic HEAD routes: each would add its own copies of the GET route's schemas.
  const app = Fastify({ exposeHeadRoutes: false });
  const schemas = new LazySchemas();
  installValidation(app, schemas);
  installLazySerializers(app, schemas);
  app.post(
    '/things',
    { schema: { body: Type.Object({ count: Type.Integer({ minimum: 1 }) }), response: { 200: Type.Object({ count: Type.Integer() }) } } },
    async (request) => ({ ...(request.body as { count: number }), secret: 'not in the response schema' }),
  );
  app.get('/other', { schema: { querystring: Type.Object({ n: Type.Integer() }), response: { 200: Type.Object({ n: Type.Integer() }) } } }, async (request) => request.query);
  await app.ready();
  return { app, schemas };
}

describe('route schemas compiled on first use', () => {
  it('compiles nothing before a request, then only what the route needs, and validates and serializes as before', async () => {
    const { app, schemas } = await appWithOneRoute();
    try {
      expect(lazySchemasOf(app)).toBe(schemas);
      // /things: body and 200; /other: querystring and 200.
      expect(schemas.waiting).toBe(4);
      const bad = await app.inject({ method: 'POST', url: '/things', payload: { count: '2' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('count');
      expect(schemas.waiting).toBe(3);
      const good = await app.inject({ method: 'POST', url: '/things', payload: { count: 2 } });
      expect(good.statusCode).toBe(200);
      // The response schema's serializer drops what it does not declare.
      expect(good.json()).toEqual({ count: 2 });
      expect(schemas.waiting).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('compiles the rest when asked, yielding between schemas, and stops when told to', async () => {
    const { app, schemas } = await appWithOneRoute();
    try {
      await schemas.compileRest(() => true);
      expect(schemas.waiting).toBe(4);
      await schemas.compileRest();
      expect(schemas.waiting).toBe(0);
      // Query strings are still converted: "7" arrives as 7.
      const other = await app.inject({ method: 'GET', url: '/other?n=7' });
      expect(other.json()).toEqual({ n: 7 });
    } finally {
      await app.close();
    }
  });
});
