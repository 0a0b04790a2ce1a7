import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_STATUS, ERROR_TITLES, type ErrorCode } from '../../contract/errors.js';
import type { FieldError } from '../domain/shared/errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
}

export function problemFor(
  request: FastifyRequest,
  code: ErrorCode,
  detail?: string,
  errors?: FieldError[],
): Problem {
  return {
    type: `urn:casedesk:problem:${code}`,
    title: ERROR_TITLES[code],
    status: ERROR_STATUS[code],
    detail: detail ?? ERROR_TITLES[code],
    code,
    requestId: request.id,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Every refusal leaves through here, as RFC 9457 problem details. */
export async function sendProblem(
  reply: FastifyReply,
  problem: Problem,
  headers: Record<string, string> = {},
): Promise<void> {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  await reply
    .code(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify(problem));
}
