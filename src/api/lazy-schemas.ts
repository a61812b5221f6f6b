import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';

/** A compiled check with the errors of its last call, as Fastify reads them. */
export type LazyCheck = ((data: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null };

interface Check {
  (data: unknown): boolean | Promise<unknown>;
  errors?: FastifySchemaValidationError[] | null;
}

/**
 * Route schemas compiled on first use. Compiling every route's validators (Ajv) and response
 * serializers (fast-json-stringify) when the app is built took about a second of CPU before the
 * API could listen; now a route pays for its own schemas on its first request, and `compileRest`
 * compiles the others after start-up, one per turn of the event loop, so no request waits long.
 */
export class LazySchemas {
  private readonly pending = new Set<() => void>();

  /** A validator that compiles `schema` with `compile` when first called. */
  check(compile: () => Check): LazyCheck {
    let compiled: Check | null = null;
    const ensure = (): Check => {
      if (compiled === null) {
        compiled = compile();
        this.pending.delete(ensure);
      }
      return compiled;
    };
    this.pending.add(ensure);
    const check: LazyCheck = (data) => {
      const validate = ensure();
      const ok = validate(data);
      if (typeof ok !== 'boolean') throw new Error('route schemas are synchronous');
      check.errors = validate.errors ?? null;
      return ok;
    };
    return check;
  }

  /** A response serializer that compiles when first called. */
  serializer(compile: () => (doc: unknown) => string): (doc: unknown) => string {
    let compiled: ((doc: unknown) => string) | null = null;
    const ensure = (): ((doc: unknown) => string) => {
      if (compiled === null) {
        compiled = compile();
        this.pending.delete(ensure);
      }
      return compiled;
    };
    this.pending.add(ensure);
    return (doc) => ensure()(doc);
  }

  /** How many schemas no request has needed yet. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Compiles every schema not compiled yet, yielding to the event loop between two; `stop()` true ends it early. */
  async compileRest(stop: () => boolean = () => false): Promise<void> {
    for (const ensure of [...this.pending]) {
      if (stop()) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      ensure();
    }
  }
}

const registry = new WeakMap<FastifyInstance, LazySchemas>();

/** Fastify's own response serializers (fast-json-stringify), each built on its route's first reply. */
export function installLazySerializers(app: FastifyInstance, lazy: LazySchemas): void {
  registry.set(app, lazy);
  const compile = SerializerSelector()();
  app.setSerializerCompiler((route) =>
    lazy.serializer(() => compile({ method: route.method, url: route.url, httpStatus: route.httpStatus ?? 'default', schema: route.schema })),
  );
}

/** The lazily compiled schemas of an app built by buildApp (null for another app). */
export function lazySchemasOf(app: FastifyInstance): LazySchemas | null {
  return registry.get(app) ?? null;
}
