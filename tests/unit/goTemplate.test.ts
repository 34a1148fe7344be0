import { describe, expect, it } from 'vitest';
import { formatInspect } from '../../shared/goTemplate';
import { formatFloatV, goTitle, jsonString } from '../../shared/goTemplate/format';

const image = {
  Id: 'sha256:abc',
  RepoTags: ['a:1', 'b:2'],
  RepoDigests: [],
  Created: '2024-01-02T03:04:05.5Z',
  Config: {
    Env: ['A=1', 'B=<x>'],
    Cmd: null,
    Labels: { 'z.k': 'v', 'a.k': 'w' },
    ExposedPorts: { '80/tcp': {} },
    Hostname: 'dropped',
  },
  Architecture: 'amd64',
  Os: 'linux',
  Size: 1234,
  RootFS: { Type: 'layers', Layers: ['sha256:1', 'sha256:2'] },
  Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
};

const out = (t: string) => {
  const r = formatInspect(t, image);
  return r.ok ? r.output : `!${r.kind}: ${r.message}`;
};

describe('Go template subset', () => {
  it('prints slices, maps (sorted keys), nil and missing values as Go does', () => {
    expect(out('{{.Config.Env}}')).toBe('[A=1 B=<x>]');
    expect(out('{{.Config.Labels}}')).toBe('map[a.k:w z.k:v]');
    expect(out('{{.Config.Cmd}}')).toBe('[]');
    expect(out('{{.Config.Healthcheck}}')).toBe('<nil>');
    expect(out('{{.Config.Labels.nope}}')).toBe('<no value>');
    expect(out('{{index .Config.Labels "nope"}}')).toBe('');
    expect(out('{{.Config.ExposedPorts}}')).toBe('map[80/tcp:{}]');
    expect(out('{{.Metadata}}')).toBe('{0001-01-01 00:00:00 +0000 UTC}');
  });
  it('re-encodes JSON through the CLI’s types: unknown fields dropped, empty ones omitted, HTML left alone', () => {
    expect(out('{{json .Config}}')).toBe(
      '{"ExposedPorts":{"80/tcp":{}},"Env":["A=1","B=<x>"],"Labels":{"a.k":"w","z.k":"v"}}',
    );
    expect(out('{{json .RepoDigests}} {{json .Config.Cmd}}')).toBe('[] null');
  });
  it('falls back to the raw JSON for names the Go type lacks, as the CLI does', () => {
    expect(out('{{.Id}}')).toBe('sha256:abc');
    expect(out('{{.ID}}')).toBe('sha256:abc');
    // Both in one template: the typed run fails on .Id, the raw one on .ID.
    expect(out('{{.Id}} {{.ID}}')).toBe('!exec: map has no entry for key "ID"');
    expect(out('{{.Nope}}')).toMatch(/^!exec: map has no entry for key "Nope"/);
  });
  it('trims around {{- and -}}, ranges with variables, else if, break', () => {
    expect(out('{{range $i, $t := .RepoTags}} {{- $i}}:{{$t}} {{end -}} !')).toBe('0:a:1 1:b:2 !');
    expect(out('{{if .Config.Cmd}}c{{else if .Config.Env}}e{{else}}n{{end}}')).toBe('e');
    expect(out('{{range .RepoTags}}{{if eq . "b:2"}}{{break}}{{end}}{{.}}{{end}}')).toBe('a:1');
    expect(out('{{range .Config.Cmd}}x{{else}}empty{{end}}')).toBe('empty');
    expect(out('{{/* a comment */}}{{len .RootFS.Layers}}')).toBe('2');
  });
  it('says what is wrong with a template, or that it is beyond this evaluator', () => {
    expect(out('{{if .Os}}')).toMatch(/^!syntax: .*without \{\{end\}\}/);
    expect(out('{{nope .Os}}')).toBe('!syntax: function "nope" not defined');
    expect(out('{{"unterminated}}')).toMatch(/^!syntax/);
    expect(out('{{template "x"}}')).toMatch(/^!unsupported/);
    expect(out('{{printf "%08.3f" 1.5}}')).toMatch(/^!unsupported/);
    expect(out('{{join .Config.Labels ","}}')).toMatch(/^!exec: wrong type for value; expected \[\]string/);
  });
  it('formats like Go’s fmt and encoding/json', () => {
    expect(formatFloatV(1.5)).toBe('1.5');
    expect(formatFloatV(2244615)).toBe('2244615');
    expect(formatFloatV(1e21)).toBe('1e+21');
    expect(formatFloatV(0.00001)).toBe('1e-05');
    expect(jsonString('<a&b>\u2028\u0001"\\')).toBe('"<a&b>\\u2028\\u0001\\"\\\\"');
    expect(goTitle("hello-world o'neil x_y 3d éa")).toBe("Hello-World O'Neil X_y 3d Éa");
  });
});
