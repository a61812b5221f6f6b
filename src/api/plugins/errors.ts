import type { FastifyError, FastifyInstance } from 'fastify';
import { isAppError } from '../../errors/index.js';
import { isGoogleError, isTransientGoogleError } from '../../google/index.js';

interface ErrorBody {
  error: { code: string; message: string; details: unknown[] };
}

const body = (code: string, message: string, details: unknown[] = []): ErrorBody => ({ error: { code, message, details } });

/** Every failure leaves in CONTRACT.md's error shape; bad input is a 4xx, never a 500. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(body('not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      return reply.status(error.status).send(body(error.code, error.message, error.details));
    }
    // Google's failures are not SkyTwin's: a bad gateway, with Google's reason in words.
    if (isGoogleError(error)) {
      const code = isTransientGoogleError(error) ? 'google_unavailable' : 'google_refused';
      return reply.status(502).send(body(code, `Google: ${error.message}`));
    }
    if (error.validation) {
      const details = error.validation.map((issue) => ({
        field: fieldOf(error.validationContext, issue.instancePath, issue.params),
        message: issue.message ?? 'is invalid',
      }));
      return reply.status(400).send(body('validation_failed', `Invalid ${error.validationContext ?? 'request'}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(body(clientCode(error), error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'SkyTwin hit an internal error; it is logged. Nothing was changed by the failed step.'));
  });
}

function fieldOf(context: string | undefined, path: string, params: Record<string, unknown>): string {
  const missing = typeof params.missingProperty === 'string' ? `/${params.missingProperty}` : '';
  const extra = typeof params.additionalProperty === 'string' ? `/${params.additionalProperty}` : '';
  const pointer = `${path}${missing}${extra}`.replace(/^\//, '').replaceAll('/', '.');
  return pointer === '' ? (context ?? 'body') : pointer;
}

function clientCode(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'invalid_json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    default:
      return 'bad_request';
  }
}
