import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/backend';
import type { Session } from '../../electron/api/dispatcher';
import { formatInspect } from '../../shared/goTemplate';
import { callOk, openBackend } from '../support/backendSession';
import { dockerBuild, dockerCli, sandboxEnv } from '../support/sandbox';

const env = sandboxEnv();
const run = promisify(execFile);
const TAG = 'lading-test/inspect-format:1';

/** What `docker inspect -f` prints (without its final newline), or that it failed. */
const cli = async (template: string, ref: string): Promise<{ ok: true; out: string } | { ok: false; err: string }> => {
  try {
    const { stdout } = await run('docker', ['image', 'inspect', '-f', template, ref], {
      env: { ...process.env, DOCKER_HOST: env.dockerHost },
    });
    return { ok: true, out: stdout.replace(/\n$/, '') };
  } catch (err) {
    return { ok: false, err: String((err as { stderr?: string }).stderr ?? err) };
  }
};

/** Templates users type after `docker inspect -f`, and corners of Go's printing. */
const TEMPLATES = [
  '{{.Architecture}}',
  '{{.Os}}/{{.Architecture}}',
  '{{.Config.Env}}',
  '{{json .Config}}',
  '{{.RootFS.Type}}',
  '{{index .Config.Labels "html"}}',
  '{{range .RepoTags}}{{.}} {{end}}',
  '{{range $i, $e := .Config.Env}}{{$i}}={{$e}};{{end}}',
  '{{len .RootFS.Layers}}',
  '{{if .Config.Entrypoint}}ep{{else}}none{{end}}',
  '{{if .Config.Volumes}}vol{{else if .Config.Cmd}}cmd{{else}}none{{end}}',
  '{{println .Os}}{{println .Architecture}}',
  '{{upper .Os}} {{lower "ABC"}}',
  '{{join .Config.Entrypoint ","}}',
  '{{title "hello world-wide o\'neil"}}',
  '{{printf "%s/%s %d %q %v|%-6s|%6s|" .Os .Architecture .Size .Os .Size .Os .Os}}',
  '{{.Config.Labels}}',
  '{{.Config.ExposedPorts}}',
  '{{json .Config.Labels}}',
  '{{json .Config.Env}}',
  '{{.Id}}',
  '{{.ID}}',
  '{{.Size}}',
  '{{json .RootFS}}',
  '{{.RootFS}}',
  '{{.Config.Labels.nope}}',
  '{{index .Config.Labels "nope"}}',
  '{{.Config.Healthcheck.Test}}',
  '{{json .Config.Healthcheck}}',
  '{{.Metadata}}',
  '{{json .Metadata}}',
  '{{.GraphDriver.Name}}',
  '{{json .}}',
  '{{.ContainerConfig.Cmd}}',
  '{{json .ContainerConfig}}',
  '{{with .Config.User}}user {{.}}{{end}}',
  '{{with .Config.WorkingDir}}wd {{.}}{{else}}no workdir{{end}}',
  '{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}{{"\\n"}}{{end}}',
  '{{print .Size 1 "a" 2}}',
  '{{eq .Os "linux"}} {{ne .Architecture "nope"}} {{eq .Os "x" "linux"}}',
  '{{if and .Config.Cmd (not .Config.StopSignal)}}yes{{end}}',
  '{{- range .Config.Env }} {{ . }} {{- end }}',
  '{{split (index .Config.Labels "zh") ""}}',
  '{{pad .Os 1 2}}|{{truncate .Id 12}}',
  '{{slice .Id 7 19}}',
  '{{range 3}}{{.}}{{end}}',
  '{{len .Config.Labels}} {{len .Os}} {{len (index .Config.Labels "zh")}}',
  '{{index .RepoTags 0}}',
  '{{$x := .Os}}{{$x}}-{{$x}}',
  '{{range .Config.Env}}{{if eq . "A=1"}}{{break}}{{end}}{{.}},{{end}}',
  '{{.Created}}',
  '{{.Config.Healthcheck}}',
  '{{json .Config.Cmd}} {{json .Size}} {{json "<&>"}}',
  '{{.RepoDigests}} {{json .RepoDigests}}',
  '{{lt .Size 1}} {{ge .Os "a"}}',
  '{{.Descriptor}} {{.Manifests}}',
  // The CLI fails on these (the raw fallback's error is the one it reports).
  '{{.nope}}',
  '{{.Config.Env.x}}',
  '{{upper .Config.Cmd}}',
  '{{index .Config.Env 99}}',
  '{{nosuchfunc .Os}}',
  '{{if .Os}}unclosed',
  '{{len .Size}}',
];

/** Whole structs print field by field, as long as no pointer in them is set. */
const WHOLE_STRUCTS = ['{{.Config}}', '{{.ContainerConfig}}', '{{.GraphDriver}}'];

describe('format box: `docker inspect -f` evaluated like the CLI', () => {
  let backend: Backend;
  let session: Session;
  let raw: unknown;

  beforeAll(async () => {
    await dockerBuild(
      env,
      TAG,
      [
        'FROM fixture/busybox:1',
        'LABEL html="<b>&amp;</b>" quote="say \\"hi\\"" zh="镜像层" empty=""',
        'ENV A=1 B="x y" C=<tag> D=line',
        'EXPOSE 80/tcp 53/udp',
        'USER 1000:1000',
        'HEALTHCHECK CMD true',
        'ENTRYPOINT ["/bin/sh", "-c"]',
        'CMD ["echo hi"]',
      ].join('\n'),
    );
    ({ backend, session } = await openBackend(env.dockerHost));
    raw = await callOk(session, 'inspect.raw', { reference: TAG });
  });

  afterAll(async () => {
    session?.close();
    backend?.dispose();
    await dockerCli(env, 'rmi', TAG).catch(() => {});
  });

  it(`prints what the CLI prints for ${TEMPLATES.length} templates, or fails where it fails`, async () => {
    const mismatches: string[] = [];
    let compared = 0;
    const dangling = (await dockerCli(env, 'images', '-q', '--filter', 'dangling=true')).split('\n')[0] ?? '';
    // Our image with every kind of field set; a fixture without a health check (whole structs
    // print); a dangling one (no tags).
    for (const ref of [TAG, 'fixture/app:2.0', dangling].filter(Boolean)) {
      const data = ref === TAG ? raw : await callOk(session, 'inspect.raw', { reference: ref });
      for (const template of [...TEMPLATES, ...(ref === TAG ? [] : WHOLE_STRUCTS)]) {
        const [want, got] = [await cli(template, ref), formatInspect(template, data)];
        if (want.ok) {
          compared++;
          if (!got.ok || got.output !== want.out)
            mismatches.push(`${ref} ${template}\n  cli:  ${JSON.stringify(want.out)}\n  ours: ${JSON.stringify(got)}`);
        } else if (got.ok || got.kind === 'unsupported') {
          mismatches.push(`${ref} ${template}\n  cli failed: ${want.err.trim()}\n  ours: ${JSON.stringify(got)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(150);
  });

  it('refuses what it does not model instead of guessing', async () => {
    // A struct holding a non-nil pointer (here the health check): Go prints the pointer's address.
    const config = await cli('{{.Config}}', TAG);
    expect(config.ok && /0xc[0-9a-f]+/.test(config.out)).toBe(true);
    expect(formatInspect('{{.Config}}', raw)).toMatchObject({ ok: false, kind: 'unsupported' });
    expect(formatInspect('{{.}}', raw)).toMatchObject({ ok: false, kind: 'unsupported' });
    expect(formatInspect('{{html .Os}}', raw)).toMatchObject({ ok: false, kind: 'unsupported' });
    expect(formatInspect('{{define "x"}}{{end}}', raw)).toMatchObject({ ok: false, kind: 'unsupported' });
  });
});
