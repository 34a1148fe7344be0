import { createSocket } from 'node:dgram';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import type Docker from 'dockerode';
import type { FieldProblem, RunPlan } from '../../../shared/contract/runSpec';
import { fixedHostPort } from '../../../shared/contract/runSpec';
import { configuredPorts } from './containers';

/**
 * Tries to bind `port` on this machine (the backend's host) and lets go at
 * once. EADDRINUSE means something listens there already. Only meaningful
 * when the engine runs on this machine too.
 */
export const portFreeHere = (port: number, proto: 'tcp' | 'udp', hostIp: string): Promise<boolean> =>
  new Promise((resolve) => {
    const answer = (err?: NodeJS.ErrnoException) => resolve(err?.code !== 'EADDRINUSE');
    if (proto === 'udp') {
      const sock = createSocket(hostIp.includes(':') ? 'udp6' : 'udp4');
      sock.once('error', (err) => {
        sock.close();
        answer(err);
      });
      sock.bind({ port, address: hostIp || undefined, exclusive: true }, () => sock.close(() => answer()));
      return;
    }
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => answer(err));
    server.listen({ port, host: hostIp || undefined, exclusive: true }, () => server.close(() => answer()));
  });

const sameAddress = (a: string, b: string): boolean =>
  a === '' || b === '' || a === b || a === '0.0.0.0' || b === '0.0.0.0' || a === '::' || b === '::';

export interface RunCheckContext {
  /** The engine runs on this machine (a local socket): ports and bind sources can be checked here. */
  engineLocal: boolean;
}

/**
 * What can only be checked against the world: the name is free, the network
 * exists, a fixed host port is not taken (by a running container's binding
 * on the engine — the only check on a remote engine — and, with a local
 * engine, by anything listening on this machine), and bind sources exist
 * (local engine only: a remote engine's files are not ours to look at).
 */
export const checkRunAgainstEngine = async (
  docker: Docker,
  plan: RunPlan,
  network: string,
  ctx: RunCheckContext,
): Promise<FieldProblem[]> => {
  const problems: FieldProblem[] = [];
  const jobs: Promise<void>[] = [];

  if (plan.name) {
    jobs.push(
      docker
        .getContainer(plan.name)
        .inspect()
        .then(
          (info) => {
            // The engine matches IDs by prefix too: only an exact name counts as taken.
            if (info.Name?.replace(/^\//, '') === plan.name)
              problems.push({ field: 'name', code: 'name.taken', params: { name: plan.name } });
          },
          () => {},
        ),
    );
  }

  const net = network.trim();
  if (net && !['default', 'bridge', 'host', 'none'].includes(net) && !net.startsWith('container:')) {
    jobs.push(
      docker.listNetworks().then((list) => {
        if (!list.some((n) => n.Name === net || n.Id === net || n.Id.startsWith(net))) {
          problems.push({ field: 'network', code: 'network.unknown', params: { name: net } });
        }
      }),
    );
  }

  const fixed = plan.ports
    .map((m) => ({ m, index: m.entry, port: fixedHostPort(m) }))
    .filter((x): x is typeof x & { port: number } => x.port !== undefined);
  if (fixed.length) {
    jobs.push(
      (async () => {
        // Filtered here: Podman refuses some of the engine's status filter values.
        const running = (await docker.listContainers({ all: true })).filter((c) =>
          ['running', 'restarting', 'paused'].includes(c.State),
        );
        const taken: { port: string; hostIp: string; name: string }[] = [];
        await Promise.all(
          running.map(async (c) => {
            const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
            for (const p of c.Ports ?? []) {
              if (p.PublicPort) taken.push({ port: `${p.PublicPort}/${p.Type}`, hostIp: p.IP ?? '', name });
            }
            try {
              const info = await docker.getContainer(c.Id).inspect();
              for (const b of configuredPorts(info.HostConfig?.PortBindings as never)) {
                if (b.hostPort) taken.push({ port: `${b.hostPort}/${b.proto}`, hostIp: b.hostIp, name });
              }
            } catch {
              // gone meanwhile
            }
          }),
        );
        for (const { m, index, port } of fixed) {
          const hit = taken.find((t) => t.port === `${port}/${m.proto}` && sameAddress(t.hostIp, m.hostIp));
          if (hit) {
            problems.push({ field: 'ports', index, code: 'port.usedByContainer', params: { port, name: hit.name } });
          } else if (ctx.engineLocal && m.proto !== 'sctp' && !(await portFreeHere(port, m.proto, m.hostIp))) {
            problems.push({ field: 'ports', index, code: 'port.inUse', params: { port } });
          }
        }
      })(),
    );
  }

  if (ctx.engineLocal) {
    plan.volumes.forEach((v) => {
      if (v.kind !== 'bind') return;
      const index = v.entry;
      jobs.push(
        stat(v.source).then(
          () => {},
          (err: NodeJS.ErrnoException) => {
            if (err.code === 'ENOENT' || err.code === 'ENOTDIR') {
              problems.push({ field: 'volumes', index, code: 'volume.sourceMissing', params: { path: v.source } });
            }
          },
        ),
      );
    });
  }

  await Promise.all(jobs);
  return problems;
};
