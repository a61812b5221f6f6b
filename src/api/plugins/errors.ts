import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../errors/index.js';
import { isGoogleError, isTransientGoogleError } from '../../google/index.js';
import { isDataException } from '../../store/index.js';
import { describeValidation } from '../validation.js';
import { SECURITY_HEADERS } from './security.js';

interface ErrorBody {
  error: { code: string; message: string; details: unknown[] };
}

const body = (code: string, message: string, details: unknown[] = []): ErrorBody => ({ error: { code, message, details } });

/** At most this many field problems are listed; the first ones are what a person fixes first. */
const MAX_DETAILS = 20;

/** Every failure leaves in CONTRACT.md's error shape; bad input is a 4xx, never a 500. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(body('not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      return reply.status(error.status).headers(error.headers).send(body(error.code, error.message, error.details));
    }
    // Google's failures are not SkyTwin's: a bad gateway, with Google's reason in words.
    if (isGoogleError(error)) {
      const code = isTransientGoogleError(error) ? 'google_unavailable' : 'google_refused';
      return reply.status(502).send(body(code, `Google: ${error.message}`));
    }
    if (error.validation) {
      const details = describeValidation(error.validationContext, error.validation).slice(0, MAX_DETAILS);
      return reply.status(400).send(body('validation_failed', `Invalid ${error.validationContext ?? 'request'}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details));
    }
    // A value the database cannot take that the checks before it let through: still the input's fault.
    if (isDataException(error)) {
      request.log.warn({ err: error }, 'database refused a value');
      return reply.status(400).send(body('unstorable_value', `The database cannot store a value of this request (${error.message}); nothing was changed`));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send(body(clientCode(error, status), error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'SkyTwin hit an internal error; it is logged. Nothing was changed by the failed step.'));
  });
}

/**
 * Fastify's router refuses some URLs before any hook runs (a parameter over maxParamLength: 414; an
 * undecodable component: 400); they get the error shape and the security headers like the rest.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  void reply
    .status(status)
    .headers(SECURITY_HEADERS)
    .send(body(clientCode(error, status), status === 414 ? 'A path parameter is longer than this API accepts' : 'The URL has a component that is not valid percent-encoding'));
}

function clientCode(error: FastifyError, status: number): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'invalid_json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    default:
      return status === 414 ? 'uri_too_long' : status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
  }
}
