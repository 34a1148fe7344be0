import { ApiError } from '../../../shared/contract/errors';
import { runBuild, runBuildFromTar } from '../../engine/build/build';
import { planContext } from '../../engine/build/context';
import { summarizeContext } from '../../engine/build/contextTar';
import { listFolder, readDockerfile, saveDockerfile } from '../../engine/build/files';
import { checkInsideRoots } from '../../engine/files/roots';
import type { OperationHandler, RequestHandler } from '../types';
import type { HandlerDeps } from './deps';

/** `docker build`: context, Dockerfile editor files, folder picking. */
export const buildHandlers = ({ host, uploads }: HandlerDeps) => {
  const roots = host.fileRoots;

  /** Serve mode: the context and the Dockerfile must lie inside the files roots. */
  const checkBuildPaths = async (context: string, dockerfile?: string) => {
    await checkInsideRoots(context, roots, 'read');
    if (dockerfile !== undefined) await checkInsideRoots(dockerfile, roots, 'read').catch(missingIsFine);
  };
  /** A Dockerfile that does not exist yet is not a roots problem (the build names it). */
  const missingIsFine = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') return;
    throw err;
  };

  const run: OperationHandler<'build.run'> = async ({ context, upload, ...args }, ctx) => {
    const common = { ...args, signal: ctx.signal, onProgress: ctx.progress };
    if (upload) {
      // A folder from the browser: its tar goes to the engine as it arrives.
      const { body, size } = await uploads.take(upload.uploadId, ctx.session.id, ctx.signal);
      return runBuildFromTar(ctx.engine.docker, { ...common, tar: body, size, dockerfile: upload.dockerfile });
    }
    const folder = context as string; // the contract requires exactly one of context and upload
    await checkBuildPaths(folder, args.dockerfile);
    return runBuild(ctx.engine.docker, { ...common, context: folder });
  };

  const contextSummary: RequestHandler<'build.contextSummary'> = async ({ context, dockerfile }) => {
    await checkBuildPaths(context, dockerfile);
    return summarizeContext(await planContext(context, dockerfile, undefined));
  };

  const list: RequestHandler<'build.listFolder'> = async ({ path }) => {
    if (path !== undefined) await checkInsideRoots(path, roots, 'read');
    return listFolder(path, roots, host.info.defaultDirectory);
  };

  const read: RequestHandler<'build.readDockerfile'> = async ({ path }) => {
    await checkInsideRoots(path, roots, 'read').catch(missingIsFine);
    return readDockerfile(path);
  };

  const save: RequestHandler<'build.saveDockerfile'> = async ({ path, text }) => {
    await checkInsideRoots(path, roots, 'write');
    return saveDockerfile(path, text);
  };

  const pickFolder: RequestHandler<'host.pickFolder'> = async (_args, { session }) => {
    if (!host.pickFolder) throw new ApiError('INVALID_ARGUMENT', 'this host has no native dialogs; browse instead');
    return { path: await host.pickFolder(session) };
  };

  const pickFile: RequestHandler<'host.pickFile'> = async ({ defaultPath }, { session }) => {
    if (!host.pickFile) throw new ApiError('INVALID_ARGUMENT', 'this host has no native dialogs; browse instead');
    return { path: await host.pickFile(defaultPath, session) };
  };

  return {
    'build.run': run,
    'build.contextSummary': contextSummary,
    'build.listFolder': list,
    'build.readDockerfile': read,
    'build.saveDockerfile': save,
    'host.pickFolder': pickFolder,
    'host.pickFile': pickFile,
  };
};
