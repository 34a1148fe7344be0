import type { BuildLogState, BuildStep } from '../../../shared/contract/methods/build';

/** One JSON message of the engine's build stream (Docker's classic builder and Podman's compatible API). */
export interface BuildMessage {
  stream?: string;
  status?: string;
  id?: string;
  progressDetail?: unknown;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

/** Lines kept per step (the last ones); a RUN that prints a million lines must not fill memory. */
export const MAX_STEP_LINES = 400;
const MAX_LINE_CHARS = 4000;

// Docker: "Step 3/5 : RUN x". Podman: "STEP 3/5: RUN x", in a multi-stage build "[2/2] STEP 1/3: FROM y".
const STEP = /^(?:\[\d+\/\d+\]\s*)?step (\d+)\/(\d+)\s?: ?(.*)$/i;
// Docker " ---> Using cache", Podman "--> Using cache <id>".
const CACHED = /^\s*-{2,3}> Using cache\b/;
// Lines about the builder's own bookkeeping, not the step's output.
const NOISE = [
  /^\s*-{2,3}> [0-9a-f]{6,64}\s*$/, // the layer the step made
  /^\s*-{2,3}> Running in [0-9a-f]+\s*$/,
  /^Removing intermediate container [0-9a-f]+\s*$/,
  /^COMMIT\b/,
  /^[0-9a-f]{64}$/, // Podman prints the image ID on its own line
];
const BUILT = /^Successfully built ([0-9a-f]+)/;
const TAGGED = /^Successfully tagged (\S+)/;

/**
 * Turns the engine's build messages into steps with their output, timing
 * and cache use. Hand-written: the stream is a few line formats
 * ("Step n/m", "Using cache", "Successfully tagged") that no package parses.
 * `now` is passed in so tests drive time.
 */
export class BuildLog {
  private readonly state: BuildLogState = { preamble: [], steps: [], tagged: [] };
  private partial = '';
  private stepStartedAt = 0;
  private readonly lastStatus = new Map<string, string>();

  constructor(private now: () => number = Date.now) {}

  private current(): BuildStep | undefined {
    return this.state.steps.at(-1);
  }

  private addOutput(line: string): void {
    const text = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
    const step = this.current();
    const lines = step ? step.output : this.state.preamble;
    lines.push(text);
    if (lines.length > MAX_STEP_LINES) {
      lines.shift();
      if (step) step.droppedLines++;
    }
  }

  private endStep(state: 'done' | 'failed'): void {
    const step = this.current();
    if (!step || step.state !== 'running') return;
    step.state = state;
    step.durationMs = this.now() - this.stepStartedAt;
  }

  private line(raw: string): void {
    // A progress bar redraws with \r: only its last state counts.
    const line = raw.slice(raw.lastIndexOf('\r') + 1).replace(/\s+$/, '');
    const step = STEP.exec(line);
    if (step) {
      this.endStep('done');
      this.stepStartedAt = this.now();
      this.state.steps.push({
        index: Number(step[1]),
        total: Number(step[2]),
        instruction: (step[3] ?? '').trim(),
        state: 'running',
        cached: false,
        durationMs: 0,
        output: [],
        droppedLines: 0,
      });
      return;
    }
    if (CACHED.test(line)) {
      const current = this.current();
      if (current) current.cached = true;
      return;
    }
    const tagged = TAGGED.exec(line);
    if (tagged?.[1]) {
      if (!this.state.tagged.includes(tagged[1])) this.state.tagged.push(tagged[1]);
      return;
    }
    if (BUILT.test(line) || NOISE.some((re) => re.test(line))) return;
    if (line === '') return;
    this.addOutput(line.replace(/^\s*-{2,3}> /, ''));
  }

  /** Feeds one message; returns true when it changed what a user would see. */
  push(message: BuildMessage): void {
    if (typeof message.stream === 'string') {
      const text = this.partial + message.stream;
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      for (const l of lines) this.line(l);
      // Docker sends "Step 1/5 : FROM x" and its "\n" as two messages: a step header is complete as is.
      if (STEP.test(this.partial)) {
        this.line(this.partial);
        this.partial = '';
      }
    }
    if (typeof message.status === 'string' && message.status !== '') {
      // A pull's progress: one line per layer state, not per progress tick.
      const key = message.id ?? '';
      if (this.lastStatus.get(key) !== message.status) {
        this.lastStatus.set(key, message.status);
        if (message.progressDetail === undefined || key === '') {
          this.addOutput(key ? `${key}: ${message.status}` : message.status);
        }
      }
    }
    if (message.aux?.ID) this.state.imageId = message.aux.ID;
    const error = message.errorDetail?.message ?? message.error;
    if (error) this.fail(error.trim());
  }

  /** The engine reported an error: the running step failed with it. */
  fail(error: string): void {
    this.flushPartial();
    this.state.error = error;
    this.endStep('failed');
  }

  private flushPartial(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }

  /** The stream ended: the last step is done (unless it failed). */
  finish(): void {
    this.flushPartial();
    if (this.state.error === undefined) this.endStep('done');
  }

  /** A copy safe to send (the running step's time so far filled in). */
  snapshot(): BuildLogState {
    const steps = this.state.steps.map((s) =>
      s.state === 'running' ? { ...s, output: [...s.output], durationMs: this.now() - this.stepStartedAt } : { ...s },
    );
    return {
      preamble: [...this.state.preamble],
      steps,
      tagged: [...this.state.tagged],
      ...(this.state.imageId !== undefined ? { imageId: this.state.imageId } : {}),
      ...(this.state.error !== undefined ? { error: this.state.error } : {}),
    };
  }
}
