import { ApiError } from '../../../shared/contract/errors';
import type { ArchiveProblem } from '../../../shared/contract/archiveModels';
import type { CompressedDataError } from './decompress';

/**
 * An INVALID_ARCHIVE error that names what is wrong with the file. The UI
 * translates `details.problem`; `message` says it in English with the
 * specifics (entry or blob names).
 */
export const archiveProblem = (problem: ArchiveProblem, message: string, extra?: Record<string, unknown>): ApiError =>
  new ApiError('INVALID_ARCHIVE', message, { problem, ...extra });

/** Compressed data that could not be decompressed: a cut file or damaged data. */
export const compressedDataProblem = (err: CompressedDataError): ApiError =>
  archiveProblem(err.truncated ? 'truncated' : 'damaged', err.message, { compression: err.compression });
