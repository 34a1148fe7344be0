import { ApiError } from '../../../shared/contract/errors';
import type { ArchiveProblem } from '../../../shared/contract/archiveModels';

/**
 * An INVALID_ARCHIVE error that names what is wrong with the file. The UI
 * translates `details.problem`; `message` says it in English with the
 * specifics (entry or blob names).
 */
export const archiveProblem = (problem: ArchiveProblem, message: string, extra?: Record<string, unknown>): ApiError =>
  new ApiError('INVALID_ARCHIVE', message, { problem, ...extra });
