// The one way the UI talks to the server: fetch with the session cookie, the CSRF header on unsafe
// requests, JSON in and out, and problem+json turned into an ApiError the screens can put in words.

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fieldErrors: FieldError[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
const expiryListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever a signed-in request answers 401: the session expired or was signed out elsewhere. */
export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

/**
 * A fresh Idempotency-Key for a creating request. `crypto.randomUUID` exists only in secure contexts
 * (https or localhost); a server reached over plain http on the LAN gets the random fallback.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined | readonly string[]>;
  headers?: Record<string, string>;
  /** Sign-in and the public evaluation page must not report an expired session. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) params.append(key, item);
    } else {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = response.headers.get('retry-after');
  const retryAfterSeconds = retryAfter ? Number(retryAfter) : null;
  try {
    const problem = (await response.json()) as {
      code?: string;
      detail?: string;
      title?: string;
      errors?: FieldError[];
    };
    return new ApiError(
      response.status,
      problem.code ?? 'unknown',
      problem.detail ?? problem.title ?? response.statusText,
      problem.errors ?? [],
      retryAfterSeconds,
    );
  } catch {
    return new ApiError(response.status, 'unknown', response.statusText, [], retryAfterSeconds);
  }
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !options.anonymous) for (const listener of expiryListeners) listener();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Uploads one file with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function uploadFile<T>(path: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => {
      reject(new ApiError(0, 'network_error', 'The server could not be reached.'));
    };
    request.onload = () => {
      const text = request.responseText;
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve((text ? JSON.parse(text) : undefined) as T);
        return;
      }
      let problem: { code?: string; detail?: string; errors?: FieldError[] } = {};
      try {
        problem = JSON.parse(text) as typeof problem;
      } catch {
        // Not problem+json: keep the status text.
      }
      if (request.status === 401) for (const listener of expiryListeners) listener();
      reject(
        new ApiError(
          request.status,
          problem.code ?? 'unknown',
          problem.detail ?? request.statusText,
          problem.errors ?? [],
        ),
      );
    };
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}
