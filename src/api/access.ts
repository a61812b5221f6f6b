import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';

/**
 * Who may call a route, declared on the route itself (`config: { audience }`) and checked against
 * the route Fastify matched, never against the raw URL, so no spelling of a path changes the answer.
 * - `public`: anyone on loopback, no token, no database (health, the dashboard's static files).
 * - `link`: no token; the route checks a one-time value it issued (Google's OAuth redirect).
 * - `user`: the owner's token, or a user-scoped token confined to that user's objects.
 * - `owner`: the owner's token only (creating users).
 * - `internal`: the owner's token only; the worker's routes.
 */
export type Audience = 'public' | 'link' | 'user' | 'owner' | 'internal';

const AUDIENCES: readonly Audience[] = ['public', 'link', 'user', 'owner', 'internal'];

export function isAudience(value: unknown): value is Audience {
  return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);
}

/** The audience a route's config declares, or null when it declares none. */
export function audienceOf(config: unknown): Audience | null {
  const audience = typeof config === 'object' && config !== null ? (config as { audience?: unknown }).audience : undefined;
  return isAudience(audience) ? audience : null;
}

/** Audiences whose routes need a token and a connected database. */
export function needsToken(audience: Audience): boolean {
  return audience === 'user' || audience === 'owner' || audience === 'internal';
}

export function ownerOnly(audience: Audience): boolean {
  return audience === 'owner' || audience === 'internal';
}

export interface DeclaredRoute {
  method: string;
  url: string;
  audience: Audience;
  /** The schemas the route declared (params, body, response…), as given: what the contract's test walks. */
  schema: FastifySchema | undefined;
}

const declared = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every route the app registered, with its audience and schemas: what the boundary's and contract's tests walk. */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return declared.get(app) ?? [];
}

/** Deny by default: registering a route that does not say who may call it fails the app's start. */
export function requireDeclaredAudience(app: FastifyInstance): void {
  const routes: DeclaredRoute[] = [];
  declared.set(app, routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    const audience = audienceOf(route.config);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (audience === null) {
      throw new Error(`Route ${methods.join(',')} ${route.url} declares no audience: add config: { audience: ${AUDIENCES.map((a) => `'${a}'`).join(' | ')} }`);
    }
    for (const method of methods) routes.push({ method, url: route.url, audience, schema: route.schema });
  });
}
