import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateSession, authenticateToken } from '../domain/auth/commands/authenticate.js';
import type { AppContext } from '../domain/context.js';
import { constantTimeEqual } from '../lib/secrets.js';
import { problemFor, sendProblem } from './problem.js';
import { isUnsafeMethod } from './route.js';

export const SESSION_COOKIE = 'casedesk_session';

/**
 * Runs first on every request: finds who is calling (bearer token, else session cookie), refuses a
 * non-public route without valid credentials (401) and a cookie-authenticated write without the
 * session's CSRF token (403 `csrf_failed`). A route without a declared policy is refused outright,
 * so a forgotten declaration can never open a route.
 */
export function authenticationHook(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.actor = null;
    if (request.is404) return;
    const policy = request.routeOptions.config.policy;
    if (!policy) {
      request.log.error({ url: request.routeOptions.url }, 'route without a policy');
      await sendProblem(
        reply,
        problemFor(request, 'internal_error', 'This route declares no access policy.'),
      );
      return;
    }
    const isPublic = policy.access === 'public';
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const actor = match?.[1] ? await authenticateToken(ctx, match[1]) : null;
      if (!actor && !isPublic) {
        await sendProblem(
          reply,
          problemFor(request, 'unauthenticated', 'The API token is not valid, has expired or was revoked.'),
        );
        return;
      }
      request.actor = actor;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    const actor = cookie ? await authenticateSession(ctx, cookie) : null;
    if (!actor) {
      if (!isPublic) await sendProblem(reply, problemFor(request, 'unauthenticated', 'Sign in first.'));
      return;
    }
    if (!isPublic && isUnsafeMethod(request.method) && actor.auth.kind === 'session') {
      const header = request.headers['x-csrf-token'];
      const token = Array.isArray(header) ? header[0] : header;
      if (!token || !constantTimeEqual(token, actor.auth.csrfToken)) {
        await sendProblem(
          reply,
          problemFor(request, 'csrf_failed', 'Send the X-CSRF-Token header you got at sign-in.'),
        );
        return;
      }
    }
    request.actor = actor;
  };
}
