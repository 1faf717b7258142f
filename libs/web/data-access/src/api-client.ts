import { fieldErrorMessage } from '@miroir/web/i18n';
import type { TFunction } from 'i18next';
import { API_ERROR_CODES, type ApiErrorBody, type ApiErrorCode, type FieldError } from '@miroir/shared/contracts';

/** Error thrown for every non-2xx answer of the API, carrying its `ApiErrorBody`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly body: ApiErrorBody;

  constructor(body: ApiErrorBody) {
    super(body.message || body.code);
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.code = body.code;
    this.body = body;
  }

  get fields(): FieldError[] {
    return this.body.fields ?? [];
  }

  /**
   * Field messages keyed by the last segment of the field path (`profile.populationBand` →
   * `populationBand`), so forms can show them next to the matching input.
   */
  /** One translated message per refused field, keyed by the field's last path segment. */
  fieldMessages(t: TFunction): Record<string, string> {
    const result: Record<string, string> = {};
    for (const { field, constraints } of this.fields) {
      const key = field.split('.').pop() ?? field;
      result[key] ??= fieldErrorMessage(t, constraints ?? []);
    }
    return result;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    default:
      return 'INTERNAL';
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['code'] === 'string' && (API_ERROR_CODES as readonly string[]).includes(candidate['code']);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Builds the `ApiError` for a failed response, whatever its body looks like. */
export async function toApiError(response: Response): Promise<ApiError> {
  const payload = await readJson(response);
  if (isErrorBody(payload)) {
    const fields = Array.isArray(payload.fields) ? payload.fields : undefined;
    return new ApiError({
      statusCode: typeof payload.statusCode === 'number' ? payload.statusCode : response.status,
      code: payload.code,
      message: typeof payload.message === 'string' ? payload.message : response.statusText,
      ...(fields ? { fields } : {}),
    });
  }
  return new ApiError({ statusCode: response.status, code: codeForStatus(response.status), message: response.statusText });
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the API on the same origin with the session cookie. Resolves with the parsed JSON
 * (or `undefined` for 204), rejects with an `ApiError` for any non-2xx answer, or with the
 * `TypeError` of `fetch` when the network fails.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await readJson(response)) as T;
}
