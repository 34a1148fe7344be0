/**
 * The Go type the docker CLI (28.x, the one installed here) decodes
 * `GET /images/{name}/json` into before running an `inspect -f` template:
 * image.InspectResponse. Field order and JSON tags decide how a whole
 * struct prints and how `{{json …}}` re-encodes it (fields the CLI's type
 * lacks are dropped, as the CLI drops them: `{{json .Config}}` is not the
 * engine's JSON). Checked against the real CLI by the integration test.
 */
import type { FieldDef, GoType } from './values';

const S: GoType = { k: 'string' };
const I: GoType = { k: 'int' };
const I64: GoType = { k: 'int', name: 'int64' };
const B: GoType = { k: 'bool' };
const strings: GoType = { k: 'slice', elem: S };
const stringMap: GoType = { k: 'map', elem: S };
const emptyStruct: GoType = { k: 'struct', name: 'struct {}', fields: [] };
const set = (name: string): GoType => ({ k: 'map', elem: emptyStruct, name });
/** time.Duration prints through its String method ("30s"), which we do not model. */
const duration: GoType = { k: 'opaque', name: 'time.Duration' };

const f = (go: string, type: GoType, opts: Partial<FieldDef> = {}): FieldDef => ({ go, json: go, type, ...opts });
const o = (go: string, type: GoType, json = go): FieldDef => ({ go, json, type, omitempty: true });

const healthConfig: GoType = {
  k: 'ptr',
  elem: {
    k: 'struct',
    name: 'container.HealthConfig',
    fields: [
      o('Test', strings),
      o('Interval', duration),
      o('Timeout', duration),
      o('StartPeriod', duration),
      o('StartInterval', duration),
      o('Retries', I),
    ],
  },
};

/** container.Config (ContainerConfig; the engine's own Config shape). */
const containerConfig: GoType = {
  k: 'struct',
  name: 'container.Config',
  fields: [
    f('Hostname', S),
    f('Domainname', S),
    f('User', S),
    f('AttachStdin', B),
    f('AttachStdout', B),
    f('AttachStderr', B),
    o('ExposedPorts', set('nat.PortSet')),
    f('Tty', B),
    f('OpenStdin', B),
    f('StdinOnce', B),
    f('Env', strings),
    f('Cmd', { k: 'slice', elem: S, name: 'strslice.StrSlice' }),
    o('Healthcheck', healthConfig),
    o('ArgsEscaped', B),
    f('Image', S),
    f('Volumes', { k: 'map', elem: emptyStruct }),
    f('WorkingDir', S),
    f('Entrypoint', { k: 'slice', elem: S, name: 'strslice.StrSlice' }),
    o('NetworkDisabled', B),
    o('MacAddress', S),
    f('OnBuild', strings),
    f('Labels', stringMap),
    o('StopSignal', S),
    o('StopTimeout', { k: 'ptr', elem: I }),
    o('Shell', { k: 'slice', elem: S, name: 'strslice.StrSlice' }),
  ],
};

/** dockerspec.DockerOCIImageConfig: ocispec.ImageConfig plus Docker's extensions, both embedded. */
const ociConfig: GoType = {
  k: 'struct',
  name: 'v1.DockerOCIImageConfig',
  fields: [
    {
      go: 'ImageConfig',
      json: 'ImageConfig',
      embedded: true,
      type: {
        k: 'struct',
        name: 'v1.ImageConfig',
        fields: [
          o('User', S),
          o('ExposedPorts', { k: 'map', elem: emptyStruct }),
          o('Env', strings),
          o('Entrypoint', strings),
          o('Cmd', strings),
          o('Volumes', { k: 'map', elem: emptyStruct }),
          o('WorkingDir', S),
          o('Labels', stringMap),
          o('StopSignal', S),
          o('ArgsEscaped', B),
        ],
      },
    },
    {
      go: 'DockerOCIImageConfigExt',
      json: 'DockerOCIImageConfigExt',
      embedded: true,
      type: {
        k: 'struct',
        name: 'v1.DockerOCIImageConfigExt',
        fields: [o('Healthcheck', healthConfig), o('OnBuild', strings), o('Shell', strings)],
      },
    },
  ],
};

const platform: GoType = {
  k: 'ptr',
  elem: {
    k: 'struct',
    name: 'v1.Platform',
    fields: [
      f('Architecture', S, { json: 'architecture' }),
      f('OS', S, { json: 'os' }),
      o('OSVersion', S, 'os.version'),
      o('OSFeatures', strings, 'os.features'),
      o('Variant', S, 'variant'),
    ],
  },
};

const descriptor: GoType = {
  k: 'ptr',
  elem: {
    k: 'struct',
    name: 'v1.Descriptor',
    fields: [
      f('MediaType', S, { json: 'mediaType' }),
      f('Digest', { k: 'string', name: 'digest.Digest' }, { json: 'digest' }),
      f('Size', I64, { json: 'size' }),
      o('URLs', strings, 'urls'),
      o('Annotations', stringMap, 'annotations'),
      o('Data', { k: 'opaque', name: '[]uint8' }, 'data'),
      o('Platform', platform, 'platform'),
      o('ArtifactType', S, 'artifactType'),
    ],
  },
};

export const imageInspectType: GoType = {
  k: 'struct',
  name: 'image.InspectResponse',
  fields: [
    f('ID', S, { json: 'Id' }),
    f('RepoTags', strings),
    f('RepoDigests', strings),
    f('Parent', S),
    f('Comment', S),
    o('Created', S),
    o('Container', S),
    o('ContainerConfig', { k: 'ptr', elem: containerConfig }),
    f('DockerVersion', S),
    f('Author', S),
    f('Config', { k: 'ptr', elem: ociConfig }),
    f('Architecture', S),
    o('Variant', S),
    f('Os', S),
    o('OsVersion', S),
    f('Size', I64),
    o('VirtualSize', I64),
    f('GraphDriver', {
      k: 'struct',
      name: 'storage.DriverData',
      fields: [f('Data', stringMap), f('Name', S)],
    }),
    f('RootFS', { k: 'struct', name: 'image.RootFS', fields: [f('Type', S), o('Layers', strings)] }),
    f('Metadata', { k: 'struct', name: 'image.Metadata', fields: [o('LastTagTime', { k: 'time' })] }),
    o('Descriptor', descriptor),
    o('Manifests', { k: 'slice', elem: { k: 'opaque', name: 'image.ManifestSummary' } }),
  ],
};
