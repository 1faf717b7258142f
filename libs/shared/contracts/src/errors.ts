/** Machine-readable codes of every error body the API sends; the web maps them to French messages. */
export const API_ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_CREDENTIALS',
  'TOO_MANY_REQUESTS',
  'CSRF_ORIGIN_REJECTED',
  'PAYLOAD_TOO_LARGE',
  'INVITATION_INVALID',
  'AXIS_MOVE_INVALID',
  'LAST_ADMIN',
  'VOTE_CLOSED',
  'THREAD_RESOLVED',
  'THREAD_NOT_RESOLVED',
  'COMMENT_DELETED',
  'THREADS_WITHOUT_DISPOSITION',
  'AXIS_CLOSED',
  'VOTES_OPEN',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface FieldError {
  /** Dotted path of the offending field, e.g. `email` or `profile.populationBand`. */
  field: string;
  /** English explanations, for developers. */
  messages: string[];
  /** Names of the failed rules (`isEmail`, `minLength`, `isIn`…), which the web translates. */
  constraints: string[];
}

export interface ApiErrorBody {
  statusCode: number;
  code: ApiErrorCode;
  message: string;
  fields?: FieldError[];
}
