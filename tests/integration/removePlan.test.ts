import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { planRemove, removeImages } from '../../electron/engine/images/remove';
import type { RemoveOutcome, RemovePlanItem } from '../../shared/contract/imageModels';
import { dockerBuild, dockerCli, sandboxEnv, throwawayImage } from '../support/sandbox';

/**
 * The remove plan is what then happens: for every combination of what is
 * selected (one tag of two, both tags, the image ID), who uses the image (no
 * container, a stopped one, a running one), whether an image is built on it,
 * and force off or on, plan on the real engine, remove, and compare each
 * reference's planned action with the engine's answer and the images left.
 */
const env = sandboxEnv();
const docker = new Docker({ socketPath: env.dockerHost.replace(/^unix:\/\//, '') });
const run = `rp${Date.now().toString(36)}`;
const cleanups: string[][] = [];

type Pick = 'one tag' | 'all tags' | 'by ID';
type User = 'none' | 'stopped' | 'running';
const combos: [Pick, User, boolean, boolean][] = [];
for (const pick of ['one tag', 'all tags', 'by ID'] as Pick[])
  for (const user of ['none', 'stopped', 'running'] as User[])
    for (const child of [false, true]) for (const force of [false, true]) combos.push([pick, user, child, force]);

const imageIds = async () => new Set((await docker.listImages({ all: true })).map((i) => i.Id));
const tagsOf = async (id: string) =>
  (await docker.listImages({ all: true })).find((i) => i.Id === id)?.RepoTags?.filter((t) => !t.startsWith('<')) ?? [];

afterAll(async () => {
  for (const args of cleanups.reverse()) await dockerCli(env, ...args).catch(() => undefined);
});

describe('remove plan = outcome, on the real engine', () => {
  it.each(combos)('%s, container %s, child image %s, force %s', async (pick, user, child, force) => {
    const name = `${run}-${combos.findIndex((c) => c.join() === [pick, user, child, force].join())}`;
    const id = await throwawayImage(env, `plan/${name}:a`);
    await dockerCli(env, 'tag', `plan/${name}:a`, `plan/${name}:b`);
    cleanups.push(['rmi', '-f', id]);
    if (child) {
      await dockerBuild(env, `plan/${name}-child:1`, `FROM plan/${name}:a\nLABEL child=${name}\n`);
      cleanups.push(['rmi', '-f', `plan/${name}-child:1`]);
    }
    if (user !== 'none') {
      const args = user === 'running' ? ['run', '-d'] : ['create'];
      await dockerCli(env, ...args, '--name', `${name}-c`, '--network', 'none', id, 'busybox', 'sleep', '600');
      cleanups.push(['rm', '-f', `${name}-c`]);
    }
    const references =
      pick === 'one tag' ? [`plan/${name}:a`] : pick === 'all tags' ? [`plan/${name}:a`, `plan/${name}:b`] : [id];

    const plan: RemovePlanItem[] = await planRemove(docker, references, force);
    const outcomes: RemoveOutcome[] = await removeImages(docker, {
      references,
      force,
      signal: new AbortController().signal,
      onProgress: () => {},
    });

    expect(plan.map((p) => p.reference)).toEqual(references);
    plan.forEach((p, i) => {
      const o = outcomes[i];
      const what = `${p.reference}: planned ${p.action}${p.refusal ? ` (${p.refusal})` : ''}, engine ${JSON.stringify(o)}`;
      if (p.action === 'refused') {
        expect(o?.ok, what).toBe(false);
        expect(!o?.ok && o?.refusal, what).toBe(p.refusal);
        expect(!o?.ok && o?.forceable, what).toBe(p.needsForce);
      } else {
        expect(o?.ok, what).toBe(true);
        const deleted = o?.ok ? o.deleted : [];
        if (p.action === 'untag') expect(deleted, what).not.toContain(p.imageId);
        else for (const d of p.deletes ?? []) expect(deleted, what).toContain(d);
      }
    });
    // What is left matches the plan's last word on the image.
    const last = plan.at(-1);
    const deletedByPlan = plan.some((p) => p.action === 'delete');
    expect((await imageIds()).has(id), JSON.stringify(plan)).toBe(!deletedByPlan);
    if (last?.action === 'untag') expect(await tagsOf(id)).toEqual(last.remainingTags);
  });
});
