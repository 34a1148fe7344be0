import { ApiError, type ApiErrorData } from '../../../shared/contract/errors';

/** Whatever a call rejected with, as the data ErrorMessage shows. */
export const toErrorData = (err: unknown): ApiErrorData =>
  err instanceof ApiError ? err.toJSON() : { code: 'INTERNAL', message: String(err) };

export const isCancelled = (err: unknown): boolean => err instanceof ApiError && err.code === 'CANCELLED';
