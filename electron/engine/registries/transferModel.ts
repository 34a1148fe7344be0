import type { LayerRow, LayerState, TransferProgress } from '../../../shared/contract/methods/registries';
import { RateMeter } from '../progress';

/** One JSON line of the engine's pull or push stream. */
export interface EngineProgressMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

/** Status words → layer states. Lines without a layer ID ("Digest: …", "Status: …") are not layers. */
const STATES: Record<string, LayerState> = {
  'Pulling fs layer': 'waiting',
  Waiting: 'waiting',
  Downloading: 'downloading',
  'Verifying Checksum': 'verifying',
  'Download complete': 'verifying',
  Extracting: 'extracting',
  'Pull complete': 'done',
  'Already exists': 'exists',
  Preparing: 'preparing',
  Pushing: 'pushing',
  Pushed: 'pushed',
  'Layer already exists': 'exists',
};

const PUSHED = /digest: (sha256:[0-9a-f]{64}) size: (\d+)/;

interface Layer {
  row: LayerRow;
  /** The layer's transfer size (download or upload), once the engine said it. */
  size?: number;
  /** Transfer bytes so far. */
  moved: number;
}

const stateOf = (status: string): LayerState | undefined =>
  STATES[status] ?? (status.startsWith('Mounted from') ? 'exists' : undefined);

/**
 * Folds the engine's progress lines into per-layer rows and overall bytes.
 * Keyed by layer ID, so a layer shared by several tags of one pull counts
 * once; a layer that already exists counts in neither bytes nor total; a
 * layer whose size has not arrived yet makes `totalKnown` false instead of
 * shrinking the percentage later.
 */
export class TransferModel {
  private layers = new Map<string, Layer>();
  private meter: RateMeter;
  digest: string | undefined;
  /** "Status: Image is up to date for …" */
  upToDate = false;
  pushDigest: EngineProgressMessage['aux'];

  constructor(
    public reference: string,
    now = Date.now(),
  ) {
    this.meter = new RateMeter(now);
  }

  /** Applies one line; returns the engine's error sentence when the line is an error. */
  apply(m: EngineProgressMessage): string | undefined {
    if (m.error !== undefined || m.errorDetail !== undefined) {
      return m.errorDetail?.message ?? m.error ?? 'the engine reported an error';
    }
    if (m.aux?.Digest) this.pushDigest = { ...m.aux };
    const status = m.status ?? '';
    // "1: digest: sha256:… size: 1148": Docker sends it before its aux line; Podman sends only this.
    const pushed = PUSHED.exec(status);
    if (pushed?.[1] && !this.pushDigest) this.pushDigest = { Digest: pushed[1], Size: Number(pushed[2]) };
    if (status.startsWith('Digest: ')) this.digest = status.slice('Digest: '.length).trim();
    if (status.startsWith('Status: Image is up to date')) this.upToDate = true;
    const state = stateOf(status);
    if (!m.id || !state) return undefined;
    let layer = this.layers.get(m.id);
    if (!layer) {
      layer = { row: { id: m.id, state }, moved: 0 };
      this.layers.set(m.id, layer);
    }
    // A layer reported done or existing by one tag stays so when another tag mentions it again.
    if (layer.row.state === 'done' || layer.row.state === 'pushed') return undefined;
    if (layer.row.state === 'exists' && state !== 'exists') return undefined;
    const d = m.progressDetail;
    layer.row = { id: m.id, state };
    if (state === 'downloading' || state === 'pushing') {
      if (d?.total !== undefined && d.total > 0) layer.size = d.total;
      if (d?.current !== undefined) layer.moved = d.current;
    }
    if (state === 'verifying' || state === 'extracting' || state === 'done' || state === 'pushed') {
      if (layer.size !== undefined) layer.moved = layer.size;
    }
    if (state === 'extracting' && d?.current !== undefined) {
      layer.row.current = d.current;
      if (d.total) layer.row.total = d.total;
    } else if (state === 'downloading' || state === 'pushing') {
      layer.row.current = layer.moved;
      if (layer.size !== undefined) layer.row.total = layer.size;
    }
    return undefined;
  }

  /**
   * A finished pull whose engine never says "Pull complete" (Podman): rows
   * still downloading or verifying are done, and the row of the image's own
   * config blob (`imageId`, which Podman reports like a layer) goes.
   */
  settle(imageId: string | undefined): void {
    const short = imageId?.replace(/^sha256:/, '').slice(0, 12);
    if (short) this.layers.delete(short);
    for (const layer of this.layers.values()) {
      if (layer.row.state === 'exists' || layer.row.state === 'done') continue;
      layer.row = { id: layer.row.id, state: 'done' };
      if (layer.size !== undefined) layer.moved = layer.size;
    }
  }

  snapshot(now = Date.now()): TransferProgress {
    let bytes = 0;
    let total = 0;
    let totalKnown = true;
    for (const layer of this.layers.values()) {
      const s = layer.row.state;
      if (s === 'exists') continue;
      bytes += layer.moved;
      if (layer.size !== undefined) total += layer.size;
      // Finished layers whose size never came (a tiny layer skips "Downloading") do not block the total.
      else if (s !== 'done' && s !== 'pushed' && s !== 'verifying' && s !== 'extracting') totalKnown = false;
    }
    if (this.layers.size === 0) totalKnown = false;
    return {
      layers: [...this.layers.values()].map((l) => l.row),
      bytes,
      total: Math.max(total, bytes),
      totalKnown,
      bytesPerSecond: this.meter.sample(bytes, now),
      reference: this.reference,
    };
  }
}
