import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend';
import type { Session } from '../../electron/api/dispatcher';
import type { ImageSummary } from '../../shared/contract/models';
import { callOk, openBackend } from '../support/backendSession';
import { dockerCli, sandboxEnv } from '../support/sandbox';

const env = sandboxEnv();
const REPO = 'consistency/app';
const LABEL = 'lading.consistency=1';
const docker = (...args: string[]) => dockerCli(env, ...args);

/** A small seeded generator, so a failing mix can be replayed (LADING_SEED). */
const seeded = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** `docker images --no-trunc` rows as "ID repo:tag", and "ID container" pairs from `docker ps -a`. */
const engineView = async () => {
  const images = (await docker('images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'))
    .split('\n')
    .filter(Boolean);
  const ids = (await docker('ps', '-aq', '--no-trunc')).split('\n').filter(Boolean);
  const users = ids.length
    ? (await docker('inspect', '--format', '{{.Image}} {{.Name}}', ...ids))
        .split('\n')
        .filter(Boolean)
        .map((l) => l.replace(' /', ' '))
    : [];
  // A container whose image was force-removed keeps the ID of an image no longer listed.
  const listed = new Set(images.map((l) => l.split(' ')[0]));
  return { images: images.sort(), users: users.filter((u) => listed.has(u.split(' ')[0])).sort() };
};

const backendView = async (session: Session) => {
  const list = (await callOk(session, 'images.list')) as ImageSummary[];
  return {
    images: list
      .flatMap((i) => (i.repoTags.length ? i.repoTags.map((t) => `${i.id} ${t}`) : [`${i.id} <none>:<none>`]))
      .sort(),
    users: list.flatMap((i) => i.containerNames.map((n) => `${i.id} ${n}`)).sort(),
  };
};

describe('the warm image list follows the terminal', () => {
  let backend: Backend;
  let session: Session;
  let dir: string;
  const seed = Number(process.env.LADING_SEED ?? 20261123);
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
  let serial = 0;

  const ourTags = async () =>
    (await docker('images', REPO, '--format', '{{.Repository}}:{{.Tag}}'))
      .split('\n')
      .filter((l) => l && !l.endsWith(':<none>'));
  const ourContainers = async () =>
    (await docker('ps', '-a', '--filter', `label=${LABEL}`, '--format', '{{.Names}}')).split('\n').filter(Boolean);
  const build = (tag: string) =>
    docker(
      'build',
      '-q',
      '-t',
      tag,
      '--label',
      LABEL,
      '--build-arg',
      `N=${serial++}`,
      '-f',
      join(dir, 'Dockerfile'),
      dir,
    );

  /** Each terminal action the mix draws from; each is something a user types while Lading runs. */
  const actions: Record<string, () => Promise<unknown>> = {
    build: () => build(`${REPO}:b${serial}`),
    // An image built on one of ours: untagging the base then leaves a parent `docker images` hides.
    buildOnTop: async () => {
      const base = pick(await ourTags());
      if (!base) return;
      await docker(
        'build',
        '-q',
        '-t',
        `${REPO}:c${serial++}`,
        '--build-arg',
        `BASE=${base}`,
        '-f',
        join(dir, 'Child.Dockerfile'),
        dir,
      );
    },
    rebuild: async () => build((await pick(await ourTags())) ?? `${REPO}:r${serial}`),
    tag: async () => {
      const from = pick(await ourTags());
      return from && docker('tag', from, `${REPO}:t${serial++}`);
    },
    untag: async () => {
      const t = pick(await ourTags());
      return t && docker('rmi', t);
    },
    rmiForce: async () => {
      const t = pick(await ourTags());
      return t && docker('rmi', '-f', t);
    },
    saveRmiLoad: async () => {
      const t = pick(await ourTags());
      if (!t) return;
      const file = join(dir, 'x.tar');
      await docker('save', '-o', file, t);
      await docker('rmi', '-f', t).catch(() => {});
      await docker('load', '-q', '-i', file);
    },
    pushRmiPull: async () => {
      const t = pick(await ourTags());
      if (!t) return;
      const remote = `${env.registry}/consistency:p${serial++}`;
      await docker('tag', t, remote);
      await docker('push', '-q', remote);
      await docker('rmi', remote);
      await docker('pull', '-q', remote);
    },
    prune: () => docker('image', 'prune', '-f', '--filter', `label=${LABEL}`),
    create: async () => {
      const t = pick(await ourTags());
      return t && docker('create', '--label', LABEL, '--name', `consistency-${serial++}`, t, 'true');
    },
    removeContainer: async () => {
      const c = pick(await ourContainers());
      return c && docker('rm', c);
    },
  };

  const cleanup = async () => {
    const containers = await ourContainers();
    if (containers.length) await docker('rm', '-f', ...containers);
    const images = (await docker('images', '-q', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
    if (images.length) await docker('rmi', '-f', ...new Set(images)).catch(() => {});
    const remote = (await docker('images', `${env.registry}/consistency`, '-q')).split('\n').filter(Boolean);
    if (remote.length) await docker('rmi', '-f', ...new Set(remote)).catch(() => {});
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lading-consistency-'));
    // Two steps: the classic builder leaves an untagged intermediate image that `docker images` hides.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM fixture/busybox:1\nARG N\nRUN echo "$N" > /n\nLABEL step=two\n');
    writeFileSync(join(dir, 'Child.Dockerfile'), 'ARG BASE\nFROM $BASE\nRUN touch /child\n');
    await cleanup();
    ({ backend, session } = await openBackend(env.dockerHost));
    await callOk(session, 'images.list'); // warm
  });
  afterAll(async () => {
    session?.close();
    backend?.dispose();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`stays equal to docker images and docker ps -a after each burst (seed ${seed})`, async () => {
    const names = Object.keys(actions);
    for (let burst = 0; burst < 6; burst++) {
      const done: string[] = [];
      for (let i = 0; i < 6; i++) {
        const name = burst === 0 && i < 2 ? 'build' : (pick(names) as string);
        // The engine may refuse (an untag of an image a container uses): the user's terminal shows that, and the mix goes on.
        const refused = await actions[name]!().then(
          () => false,
          (err: Error) => {
            if (!/Error response from daemon/.test(err.message)) throw err;
            return true;
          },
        );
        done.push(refused ? `${name} (refused)` : name);
      }
      // Let the change feed catch up, then compare; the list itself comes from the backend's memory.
      const expected = await engineView();
      let ours = await backendView(session);
      const deadline = Date.now() + 15_000;
      while (JSON.stringify(ours) !== JSON.stringify(expected) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        ours = await backendView(session);
      }
      const diff = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
      expect(
        {
          missing: diff([...expected.images, ...expected.users], [...ours.images, ...ours.users]),
          extra: diff([...ours.images, ...ours.users], [...expected.images, ...expected.users]),
        },
        `after burst ${burst + 1}: ${done.join(', ')}`,
      ).toEqual({ missing: [], extra: [] });
    }
    expect(backend.monitor.state.status).toBe('connected');
  });
});
