import type Docker from 'dockerode';
import type { EngineInfo, EngineKind } from '../../shared/contract/models';

interface VersionComponent {
  Name?: string;
}

/** Docker and Podman both answer /version; Podman names itself in Components or Platform. */
export const engineKindOf = (version: {
  Components?: VersionComponent[];
  Platform?: { Name?: string };
}): EngineKind => {
  const names = [version.Platform?.Name ?? '', ...(version.Components ?? []).map((c) => c.Name ?? '')].join(' ');
  if (/podman/i.test(names)) return 'podman';
  if (/docker|engine/i.test(names)) return 'docker';
  return 'unknown';
};

export const readEngineInfo = async (docker: Docker, host: string): Promise<EngineInfo> => {
  const v = await docker.version();
  return {
    kind: engineKindOf(v as unknown as Parameters<typeof engineKindOf>[0]),
    version: v.Version,
    apiVersion: v.ApiVersion,
    os: v.Os,
    arch: v.Arch,
    host,
  };
};
