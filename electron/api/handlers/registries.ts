import { checkLogin } from '../../engine/registries/login';
import { pullImage } from '../../engine/registries/pull';
import { pushImage } from '../../engine/registries/push';
import { searchImages } from '../../engine/registries/search';
import { updateImages } from '../../engine/registries/update';
import type { OperationHandler, RequestContext, RequestHandler } from '../types';
import type { HandlerDeps } from './deps';

/** The engine's kind, for the pull stream's Podman differences. */
const engineKindOf = ({ engine }: RequestContext) => {
  const kind = engine.state.engine?.kind;
  return kind ? { engineKind: kind } : {};
};

/** Search, browse, pull, push, logins and mirrors. */
export const registryHandlers = ({ registries }: HandlerDeps) => {
  const auth = (registry: string) => registries.engineAuth(registry);

  const search: RequestHandler<'registries.search'> = async (args, { engine }) => ({
    results: await searchImages(engine.docker, {
      term: args.term,
      limit: args.limit,
      officialOnly: args.officialOnly,
      ...(args.stars !== undefined ? { stars: args.stars } : {}),
    }),
  });

  const repositories: RequestHandler<'registries.repositories'> = ({ registry, n, last }) =>
    registries.client.repositories(registry, n, last);

  const tags: RequestHandler<'registries.tags'> = ({ registry, repository, n, last }) =>
    registries.client.tags(registry, repository, n, last);

  const manifest: RequestHandler<'registries.manifest'> = ({ registry, repository, reference }) =>
    registries.client.manifest(registry, repository, reference);

  const logins: RequestHandler<'registries.logins'> = async () => ({
    logins: await registries.logins(),
    storage: await registries.storage(),
  });

  const login: RequestHandler<'registries.login'> = async ({ registry, username, password }, { engine }) => {
    const status = await checkLogin(engine.docker, {
      username,
      password,
      serveraddress: registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry,
    });
    const storage = await registries.save(registry, { username, password });
    return { status, storage };
  };

  const logout: RequestHandler<'registries.logout'> = async ({ registry }) => ({
    removed: await registries.remove(registry),
  });

  const mirrors: RequestHandler<'registries.mirrors'> = async () => ({
    mirrors: await registries.settings.getMirrors(),
  });

  const setMirrors: RequestHandler<'registries.setMirrors'> = async ({ mirrors: list }) => ({
    mirrors: await registries.settings.setMirrors(list),
  });

  const pull: OperationHandler<'images.pull'> = async ({ reference, allTags, platform }, ctx) =>
    pullImage(ctx.engine.docker, {
      reference,
      allTags,
      ...(platform ? { platform } : {}),
      auth,
      mirrors: await registries.settings.getMirrors(),
      signal: ctx.signal,
      onProgress: ctx.progress,
      ...engineKindOf(ctx),
    });

  const push: OperationHandler<'images.push'> = ({ reference }, ctx) =>
    pushImage(ctx.engine.docker, { reference, auth, signal: ctx.signal, onProgress: ctx.progress });

  const update: OperationHandler<'images.update'> = async ({ references }, ctx) =>
    updateImages(ctx.engine.docker, {
      references,
      auth,
      mirrors: await registries.settings.getMirrors(),
      signal: ctx.signal,
      onProgress: ctx.progress,
      ...engineKindOf(ctx),
    });

  return {
    'registries.search': search,
    'registries.repositories': repositories,
    'registries.tags': tags,
    'registries.manifest': manifest,
    'registries.logins': logins,
    'registries.login': login,
    'registries.logout': logout,
    'registries.mirrors': mirrors,
    'registries.setMirrors': setMirrors,
    'images.pull': pull,
    'images.push': push,
    'images.update': update,
  };
};
