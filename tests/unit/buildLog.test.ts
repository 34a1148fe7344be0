import { describe, expect, it } from 'vitest';
import { BuildLog, MAX_STEP_LINES, type BuildMessage } from '../../electron/engine/build/buildLog';

/** A clock the test moves by hand. */
const clock = () => {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

const feed = (log: BuildLog, messages: BuildMessage[]) => {
  for (const m of messages) log.push(m);
};

describe('BuildLog', () => {
  it("reads Docker's classic builder: steps, output, cache, timing, image ID and tags", () => {
    const c = clock();
    const log = new BuildLog(c.now);
    feed(log, [{ stream: 'Step 1/3 : FROM fixture/busybox:1' }, { stream: '\n' }, { stream: ' ---> a2706f85ae2e\n' }]);
    c.advance(50);
    feed(log, [
      { stream: 'Step 2/3 : RUN echo hello' },
      { stream: '\n' },
      { stream: ' ---> [Warning] IPv4 forwarding is disabled. Networking will not work.\n' },
      { stream: ' ---> Running in 1d853593ee9b\n' },
      { stream: 'hel' },
      { stream: 'lo\nthere\n' },
      { stream: 'Removing intermediate container 1d853593ee9b\n' },
      { stream: ' ---> 862dfceea43b\n' },
    ]);
    c.advance(700);
    feed(log, [
      { stream: 'Step 3/3 : COPY a.txt /a.txt' },
      { stream: '\n' },
      { stream: ' ---> Using cache\n' },
      { stream: ' ---> ae5e5744635f\n' },
      { aux: { ID: 'sha256:62a4560f3733' } },
      { stream: 'Successfully built 62a4560f3733\n' },
      { stream: 'Successfully tagged exp:1\n' },
      { stream: 'Successfully tagged exp:one\n' },
    ]);
    c.advance(10);
    log.finish();
    const s = log.snapshot();
    expect(s.steps.map((x) => [x.index, x.total, x.instruction, x.cached, x.state])).toEqual([
      [1, 3, 'FROM fixture/busybox:1', false, 'done'],
      [2, 3, 'RUN echo hello', false, 'done'],
      [3, 3, 'COPY a.txt /a.txt', true, 'done'],
    ]);
    expect(s.steps[1]?.output).toEqual([
      '[Warning] IPv4 forwarding is disabled. Networking will not work.',
      'hello',
      'there',
    ]);
    expect(s.steps[1]?.durationMs).toBe(700);
    expect(s.steps[2]?.durationMs).toBe(10);
    expect(s.imageId).toBe('sha256:62a4560f3733');
    expect(s.tagged).toEqual(['exp:1', 'exp:one']);
    expect(s.error).toBeUndefined();
  });

  it("reads Podman's stream: STEP n/m:, --> Using cache <id>, COMMIT and the bare ID line", () => {
    const log = new BuildLog();
    feed(log, [
      { stream: 'STEP 1/3: FROM fixture/busybox:1\n' },
      { stream: 'STEP 2/3: RUN echo hello; echo there\n' },
      { stream: '--> Using cache ea23ebe28c0d7aab8ef2bd5f4add9c74773d05d858df96b62f568f1779b5bae5\n' },
      { stream: '--> ea23ebe28c0\n' },
      { stream: 'STEP 3/3: CMD ["sh"]\n' },
      { stream: 'COMMIT docker.io/library/exp:1\n' },
      { stream: '--> 49e35752c4b\n' },
      { stream: 'Successfully tagged docker.io/library/exp:1\n' },
      { stream: '49e35752c4beea8caa43e1f7eadcca20696871bd675cbc2afdee0c1f6cb39f0d\n' },
      { aux: { ID: 'sha256:49e35752c4be' } },
    ]);
    log.finish();
    const s = log.snapshot();
    expect(s.steps.map((x) => [x.index, x.instruction, x.cached])).toEqual([
      [1, 'FROM fixture/busybox:1', false],
      [2, 'RUN echo hello; echo there', true],
      [3, 'CMD ["sh"]', false],
    ]);
    expect(s.steps.every((x) => x.output.length === 0)).toBe(true);
    expect(s.tagged).toEqual(['docker.io/library/exp:1']);
  });

  it('reads a multi-stage Podman step prefix', () => {
    const log = new BuildLog();
    log.push({ stream: '[2/2] STEP 1/2: FROM base AS final\n' });
    expect(log.snapshot().steps[0]).toMatchObject({ index: 1, total: 2, instruction: 'FROM base AS final' });
  });

  it('marks the running step failed with the engine error, output kept (Docker and Podman)', () => {
    const docker = new BuildLog();
    feed(docker, [
      { stream: 'Step 2/2 : RUN echo out-before; false' },
      { stream: '\n' },
      { stream: 'out-before\n' },
      {
        errorDetail: {
          code: 1,
          message: "The command '/bin/sh -c echo out-before; false' returned a non-zero code: 1",
        },
        error: "The command '/bin/sh -c echo out-before; false' returned a non-zero code: 1",
      },
    ]);
    docker.finish();
    const d = docker.snapshot();
    expect(d.steps[0]).toMatchObject({ state: 'failed', output: ['out-before'] });
    expect(d.error).toMatch(/non-zero code: 1/);

    const podman = new BuildLog();
    feed(podman, [
      { stream: 'STEP 2/2: RUN echo out-before; false\n' },
      { stream: 'out-before' }, // no newline before the error: still kept
      {
        errorDetail: {
          message: 'building at STEP "RUN echo out-before; false": while running runtime: exit status 1\n',
        },
      },
    ]);
    const p = podman.snapshot();
    expect(p.steps[0]).toMatchObject({ state: 'failed', output: ['out-before'] });
    expect(p.error).toBe('building at STEP "RUN echo out-before; false": while running runtime: exit status 1');
  });

  it('keeps lines before the first step, the last state of a \\r progress line, and a bounded tail', () => {
    const log = new BuildLog();
    log.push({ stream: 'Sending build context\n' });
    log.push({ stream: 'Step 1/1 : RUN big\n' });
    log.push({ stream: ' 10%\r 50%\r100%\n' });
    for (let i = 0; i < MAX_STEP_LINES + 5; i++) log.push({ stream: `line ${i}\n` });
    const s = log.snapshot();
    expect(s.preamble).toEqual(['Sending build context']);
    expect(s.steps[0]?.output).toHaveLength(MAX_STEP_LINES);
    expect(s.steps[0]?.droppedLines).toBe(6);
    expect(s.steps[0]?.output.at(-1)).toBe(`line ${MAX_STEP_LINES + 4}`);
  });

  it("shows a pull's layer states once each, not every progress tick", () => {
    const log = new BuildLog();
    log.push({ stream: 'Step 1/1 : FROM x\n' });
    log.push({ status: 'Pulling from library/x', id: '1' });
    log.push({ status: 'Downloading', id: 'abc', progressDetail: { current: 1, total: 9 } });
    log.push({ status: 'Downloading', id: 'abc', progressDetail: { current: 5, total: 9 } });
    log.push({ status: 'Status: Downloaded newer image for x:latest' });
    expect(log.snapshot().steps[0]?.output).toEqual([
      '1: Pulling from library/x',
      'Status: Downloaded newer image for x:latest',
    ]);
  });
});
