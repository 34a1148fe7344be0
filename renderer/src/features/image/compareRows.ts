/**
 * Two or more inspect documents side by side, broken down to single fields:
 * one row per scalar, per environment variable, per label, per exposed port
 * and per layer position, so a difference points at the field that differs.
 */
import type { JsonObject, JsonValue } from '../../../../shared/contract/inspectModels';

export type CompareGroup = 'image' | 'run' | 'env' | 'labels' | 'ports' | 'volumes' | 'layers';

export interface CompareRow {
  group: CompareGroup;
  /** The field's name: "Architecture", an env variable's name, a label key, "1" for layer 1… */
  field: string;
  /** One value per image; null where the image lacks the field. */
  values: (string | null)[];
  /** Whether the values are not all the same. */
  differs: boolean;
  /** Per image: whether its value differs from the first image's. */
  cellDiffers: boolean[];
}

const obj = (v: JsonValue | undefined): JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
const arr = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
const str = (v: JsonValue | undefined): string | null =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);

const envMap = (doc: JsonObject): Map<string, string> => {
  const m = new Map<string, string>();
  for (const e of arr(obj(doc.Config).Env)) {
    if (typeof e !== 'string') continue;
    const i = e.indexOf('=');
    m.set(i < 0 ? e : e.slice(0, i), i < 0 ? '' : e.slice(i + 1));
  }
  return m;
};

const row = (group: CompareGroup, field: string, values: (string | null)[]): CompareRow => {
  const first = values[0] ?? null;
  const cellDiffers = values.map((v) => v !== first);
  return { group, field, values, differs: cellDiffers.some(Boolean), cellDiffers };
};

/** Keys of several maps, in first-seen order. */
const unionKeys = (maps: Iterable<string>[]): string[] => {
  const seen = new Set<string>();
  for (const m of maps) for (const k of m) seen.add(k);
  return [...seen];
};

export const compareRows = (docs: readonly JsonObject[]): CompareRow[] => {
  const rows: CompareRow[] = [];
  const scalar = (group: CompareGroup, field: string, get: (d: JsonObject) => JsonValue | undefined) =>
    rows.push(
      row(
        group,
        field,
        docs.map((d) => str(get(d))),
      ),
    );

  scalar('image', 'Id', (d) => d.Id);
  scalar('image', 'RepoTags', (d) => arr(d.RepoTags).join(' ') || null);
  scalar('image', 'Created', (d) => d.Created);
  scalar('image', 'Size', (d) => d.Size);
  scalar('image', 'Platform', (d) =>
    [d.Os, d.Architecture, d.Variant].filter((x) => typeof x === 'string' && x !== '').join('/'),
  );
  scalar('image', 'Layers', (d) => arr(obj(d.RootFS).Layers).length);
  scalar('image', 'Author', (d) => d.Author || null);
  scalar('image', 'DockerVersion', (d) => d.DockerVersion || null);
  scalar('image', 'Comment', (d) => d.Comment || null);
  const config = (d: JsonObject) => obj(d.Config);
  scalar('run', 'Entrypoint', (d) => config(d).Entrypoint);
  scalar('run', 'Cmd', (d) => config(d).Cmd);
  scalar('run', 'WorkingDir', (d) => config(d).WorkingDir || null);
  scalar('run', 'User', (d) => config(d).User || null);
  scalar('run', 'StopSignal', (d) => config(d).StopSignal || null);
  scalar('run', 'Healthcheck', (d) => config(d).Healthcheck);

  const envs = docs.map(envMap);
  for (const k of unionKeys(envs.map((m) => m.keys())))
    rows.push(
      row(
        'env',
        k,
        envs.map((m) => m.get(k) ?? null),
      ),
    );

  const labels = docs.map((d) => obj(config(d).Labels));
  for (const k of unionKeys(labels.map((l) => Object.keys(l)).map((ks) => ks.sort())))
    rows.push(
      row(
        'labels',
        k,
        labels.map((l) => str(l[k])),
      ),
    );

  for (const [group, key] of [
    ['ports', 'ExposedPorts'],
    ['volumes', 'Volumes'],
  ] as const) {
    const sets = docs.map((d) => Object.keys(obj(config(d)[key])));
    for (const k of unionKeys(sets.map((s) => s.sort())))
      rows.push(
        row(
          group,
          k,
          sets.map((s) => (s.includes(k) ? k : null)),
        ),
      );
  }

  const layers = docs.map((d) => arr(obj(d.RootFS).Layers).map((l) => String(l)));
  const most = Math.max(0, ...layers.map((l) => l.length));
  for (let i = 0; i < most; i++)
    rows.push(
      row(
        'layers',
        String(i + 1),
        layers.map((l) => l[i] ?? null),
      ),
    );
  return rows;
};
