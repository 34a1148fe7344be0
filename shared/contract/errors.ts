/**
 * Every failure that crosses the main/renderer boundary carries one of these
 * codes. The renderer translates the code into a sentence (i18n key
 * `errors.<code>`) and may show `message` (the engine's own words) beneath it.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'ENGINE_UNREACHABLE',
  'ENGINE_ERROR',
  'CANCELLED',
  'DISK_FULL',
  'PERMISSION_DENIED',
  'FILE_EXISTS',
  'INVALID_ARCHIVE',
  'UNAUTHORIZED',
  'INTERNAL',
  'NOT_A_FILE',
  'LAYERS_UNREADABLE',
  'BUILD_FAILED',
] as const;
// Plain data, not a zod enum: the renderer's first screen imports this file,
// and zod's evaluation was a measurable part of a page load (README, issue 12).
export type ErrorCode = (typeof ERROR_CODES)[number];
const codes: ReadonlySet<string> = new Set(ERROR_CODES);

export interface ApiErrorData {
  code: ErrorCode;
  /** Human-readable, in English; the UI shows a translated sentence for `code` first. */
  message: string;
  details?: Record<string, unknown>;
}

/** The error type both sides throw and catch; it survives serialisation as ApiErrorData. */
export class ApiError extends Error implements ApiErrorData {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toJSON(): ApiErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
    };
  }

  static from(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.details);
  }
}

export const isApiErrorData = (v: unknown): v is ApiErrorData =>
  typeof v === 'object' &&
  v !== null &&
  codes.has((v as { code?: unknown }).code as string) &&
  typeof (v as { message?: unknown }).message === 'string';
