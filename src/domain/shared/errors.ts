import { ERROR_STATUS, ERROR_TITLES, type ErrorCode } from '../../../contract/errors.js';

export interface FieldError {
  field: string;
  message: string;
}

/** A refusal with a stable code. Thrown by domain code; rendered once, by the HTTP layer, as problem+json. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string = ERROR_TITLES[code],
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = 'The resource'): AppError =>
  new AppError('not_found', `${what} was not found.`);

export const forbidden = (detail = 'You do not have the permission for this.'): AppError =>
  new AppError('forbidden', detail);

/** A 400 naming one field, for rules that a schema cannot express (an id that does not exist, ...). */
export const invalidField = (field: string, message: string): AppError =>
  new AppError('validation_failed', message, [{ field, message }]);

export const alreadyExists = (field: string, what: string): AppError =>
  new AppError('already_exists', `${what} already exists.`, [{ field, message: `${what} already exists.` }]);
