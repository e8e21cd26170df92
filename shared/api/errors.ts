/**
 * Errors that cross the API boundary. Every one carries a stable code (for
 * programs and tests) and a Vietnamese message (for people); `issues` points
 * at the offending fields so forms can mark them.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'unknown_method'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'not_configured'
  | 'already_configured'
  | 'bad_file'
  | 'internal';

export interface FieldIssue {
  /** Dotted path into the input, e.g. "person.fullName" or "rows.3.birthDate". */
  path: string;
  message: string;
}

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toData(): ApiErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.issues);
  }
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string' && typeof (value as { message?: unknown }).message === 'string';
}
