import type Docker from 'dockerode';
import type { RunResult } from '../../../shared/contract/containerModels';
import type { RunArgs } from '../../../shared/contract/methods/containers';
import { ApiError } from '../../../shared/contract/errors';
import { bindOf, planRun, portBindingsOf, type FieldProblem, type RunFields } from '../../../shared/contract/runSpec';
import { toApiError } from '../errors';
import { checkRunAgainstEngine, type RunCheckContext } from './runChecks';

type ParsedRunArgs = Required<Omit<RunArgs, 'envFile'>> & Pick<RunArgs, 'envFile'>;

/** A bare `KEY` line takes its value from the backend's own environment, as the CLI takes its own. */
const backendEnv = (key: string): string | undefined => process.env[key];

/** Every problem with a run, syntax first, then what the engine and this machine say. */
export const checkRun = async (docker: Docker, args: ParsedRunArgs, ctx: RunCheckContext) => {
  const { problems, plan } = planRun(args as RunFields, backendEnv);
  // Only fields that parsed are checked against the world.
  const more = await checkRunAgainstEngine(docker, plan, args.network, ctx);
  return { problems: [...problems, ...more] as FieldProblem[], plan };
};

/**
 * `docker run -d`: checks, create, start. Problems come back as one
 * INVALID_ARGUMENT error with `details.problems`, one per field, before the
 * engine is asked to create anything.
 */
export const runContainer = async (docker: Docker, args: ParsedRunArgs, ctx: RunCheckContext): Promise<RunResult> => {
  const { problems, plan } = await checkRun(docker, args, ctx);
  if (problems.length) {
    throw new ApiError('INVALID_ARGUMENT', `${problems.length} field(s) need attention`, { problems });
  }
  const { exposed, bindings } = portBindingsOf(plan.ports);
  const anonymous = Object.fromEntries(plan.volumes.filter((v) => v.kind === 'anonymous').map((v) => [v.target, {}]));
  const binds = plan.volumes.map(bindOf).filter((b): b is string => b !== undefined);
  const network = args.network.trim();
  try {
    const container = await docker.createContainer({
      Image: args.image,
      ...(plan.name ? { name: plan.name } : {}),
      ...(plan.cmd.length ? { Cmd: plan.cmd } : {}),
      ...(plan.entrypoint.length ? { Entrypoint: plan.entrypoint } : {}),
      ...(plan.env.length ? { Env: plan.env } : {}),
      ...(plan.user ? { User: plan.user } : {}),
      ...(plan.workdir ? { WorkingDir: plan.workdir } : {}),
      ...(Object.keys(exposed).length ? { ExposedPorts: exposed } : {}),
      ...(Object.keys(anonymous).length ? { Volumes: anonymous } : {}),
      HostConfig: {
        AutoRemove: args.autoRemove,
        ...(Object.keys(bindings).length ? { PortBindings: bindings } : {}),
        ...(binds.length ? { Binds: binds } : {}),
        ...(network && network !== 'default' ? { NetworkMode: network } : {}),
        ...(plan.restart.Name && plan.restart.Name !== 'no' ? { RestartPolicy: plan.restart } : {}),
      },
    });
    const created = (await container.inspect()) as { Name?: string };
    const name = (created.Name ?? '').replace(/^\//, '');
    try {
      await container.start();
    } catch (err) {
      // As with the CLI, the created container stays (unless --rm): the details name it.
      throw toApiError(err, { image: args.image, container: name, created: true });
    }
    return { id: container.id, name };
  } catch (err) {
    throw toApiError(err, { image: args.image });
  }
};
