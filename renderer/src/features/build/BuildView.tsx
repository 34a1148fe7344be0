import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { ContextSummary } from '../../../../shared/contract/methods/build';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { navigate } from '../../app/route';
import { formatBytes } from '../../i18n/format';
import { useHost } from '../../stores/host';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Icon } from '../../ui/icons';
import { BuildLogView } from './BuildLogView';
import { BuildStatus } from './BuildStatus';
import { DockerfileEditor } from './DockerfileEditor';
import { lintDockerfile } from './dockerfileLint';
import { FolderDialog } from './FolderDialog';
import { planFolder, readDockerfileOf, type PickedFolder } from './droppedFolder';
import {
  FolderDropOverlay,
  folderFromDrop,
  UploadFolderButton,
  useFolderDrop,
  type FolderProblem,
} from './FolderSource';
import { parseKeyValues, parseTags } from './formParse';
import { useBuild } from './store';
import './build.css';

const sepOf = (p: string) => (p.includes('\\') && !p.includes('/') ? '\\' : '/');
const dockerfilePathFor = (context: string, dockerfile: string) =>
  dockerfile.trim() || (context ? `${context.replace(/[\\/]+$/, '')}${sepOf(context)}Dockerfile` : '');

/** `docker build` as a screen: context and options on the left, the Dockerfile editor on the right, the live log below. */
export function BuildView() {
  const { t, i18n } = useTranslation();
  const ids = {
    tags: useId(),
    args: useId(),
    labels: useId(),
    ctx: useId(),
    ctxInput: useId(),
    df: useId(),
    dfInput: useId(),
    platform: useId(),
  };
  const host = useHost((s) => s.info);
  const { form, setForm, text, savedText, textPath, run, setText, loaded, saved, start, cancel } = useBuild();
  const { folder, setFolder, startFolder } = useBuild();
  const [folderProblem, setFolderProblem] = useState<FolderProblem | null>(null);
  const [summary, setSummary] = useState<ContextSummary | null>(null);
  const [summaryError, setSummaryError] = useState<ApiErrorData | null>(null);
  const [summaryLoading, setSummaryLoading] = useState(false);
  const [readError, setReadError] = useState<ApiErrorData | null>(null);
  const [saveState, setSaveState] = useState<{ ok: string } | { error: ApiErrorData } | null>(null);
  const [browsing, setBrowsing] = useState(false);
  const running = run.kind === 'running' || run.kind === 'packing';
  const native = host?.nativeDialogs === true;
  const serve = host?.mode === 'serve';
  /** A browser folder's Dockerfile, relative to it (`-f`). */
  const folderDockerfile = form.dockerfile.trim() || 'Dockerfile';
  const dockerfilePath = folder
    ? `${folder.name}/${folderDockerfile}`
    : dockerfilePathFor(form.context.trim(), form.dockerfile);
  const tags = parseTags(form.tags);
  const buildArgs = parseKeyValues(form.buildArgs);
  const labels = parseKeyValues(form.labels);
  const dirty = text !== savedText;
  const warnings = lintDockerfile(text);

  // What the context sends, counted again when the folder or the Dockerfile changes (and after a build).
  useEffect(() => {
    const context = form.context.trim();
    setSummary(null);
    setSummaryError(null);
    if (folder) {
      // A browser folder is counted here, by the same rules the tar is made with.
      let live = true;
      const timer = setTimeout(() => {
        void planFolder(folder, folderDockerfile).then(
          (p) => live && setSummary(p.summary),
          (err: unknown) => live && setSummaryError(toErrorData(err)),
        );
      }, 100);
      return () => {
        live = false;
        clearTimeout(timer);
      };
    }
    if (!context.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(context)) return;
    setSummaryLoading(true);
    let live = true;
    const timer = setTimeout(() => {
      api()
        .call('build.contextSummary', {
          context,
          ...(form.dockerfile.trim() ? { dockerfile: form.dockerfile.trim() } : {}),
        })
        .then(
          (s) => live && setSummary(s),
          (err: unknown) => live && setSummaryError(toErrorData(err)),
        )
        .finally(() => live && setSummaryLoading(false));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [form.context, form.dockerfile, savedText, folder, folderDockerfile]);

  // Open the Dockerfile in the editor when its path changes (unsaved edits to another file are kept only until then).
  useEffect(() => {
    if (!dockerfilePath || dockerfilePath === textPath) return;
    if (folder) {
      let live = true;
      void readDockerfileOf(folder, folderDockerfile).then((text) => live && loaded(dockerfilePath, text ?? ''));
      return () => {
        live = false;
      };
    }
    if (!dockerfilePath.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(dockerfilePath)) return;
    setReadError(null);
    let live = true;
    const timer = setTimeout(() => {
      api()
        .call('build.readDockerfile', { path: dockerfilePath })
        .then(
          (r) => live && loaded(r.path, r.text),
          (err: unknown) => live && setReadError(toErrorData(err)),
        );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [dockerfilePath, textPath, loaded, folder, folderDockerfile]);

  const takeFolder = (picked: PickedFolder | FolderProblem) => {
    if (typeof picked === 'string') return setFolderProblem(picked);
    if (picked.files.length === 0) return setFolderProblem(t('build.folder.empty'));
    setFolderProblem(null);
    setFolder(picked);
  };
  const drop = useFolderDrop((entries, files) => {
    if (running) return;
    if (serve) {
      void folderFromDrop(entries, (key, vars) => t(`build.folder.${key}`, vars ?? {})).then(takeFolder);
      return;
    }
    // The desktop app reads the folder itself, by its path.
    const dir = entries.find((e) => e.isDirectory);
    const file = dir && files.find((f) => f.name === dir.name);
    if (!file) return setFolderProblem(t('build.folder.notFolder'));
    setFolderProblem(null);
    void api()
      .fileSource(file)
      .then(({ source }) => source.kind === 'path' && setForm({ context: source.path }));
  });

  const pickFolder = async () => {
    const r = await api().call('host.pickFolder', {});
    if (r.path) setForm({ context: r.path });
  };
  const pickFile = async () => {
    const r = await api().call('host.pickFile', form.context ? { defaultPath: form.context } : {});
    if (r.path) setForm({ dockerfile: r.path });
  };

  const save = async () => {
    setSaveState(null);
    try {
      const r = await api().call('build.saveDockerfile', { path: textPath, text });
      saved(text);
      setSaveState({ ok: r.path });
    } catch (err) {
      setSaveState({ error: toErrorData(err) });
    }
  };

  const canBuild =
    !running &&
    (folder ? summary?.dockerfileFound === true || text.trim() !== '' : form.context.trim() !== '') &&
    !tags.invalid &&
    !buildArgs.invalid &&
    !labels.invalid;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!canBuild) return;
    const options = {
      tags: tags.tags,
      buildArgs: buildArgs.values,
      labels: labels.values,
      ...(form.target.trim() ? { target: form.target.trim() } : {}),
      ...(form.platform.trim() ? { platform: form.platform.trim() } : {}),
      noCache: form.noCache,
      pull: form.pull,
    };
    // Unsaved edits build as shown, as `docker build -f -` would send them.
    const edited = dirty && textPath === dockerfilePath ? text : undefined;
    if (folder) {
      void startFolder(folder, folderDockerfile, edited, options);
      return;
    }
    void start({
      context: form.context.trim(),
      ...(form.dockerfile.trim() ? { dockerfile: form.dockerfile.trim() } : {}),
      ...(edited !== undefined ? { dockerfileText: edited } : {}),
      ...options,
    });
  };

  const fmt = (n: number) => formatBytes(n, i18n.language);
  const log =
    run.kind === 'running'
      ? run.progress
      : run.kind === 'done'
        ? run.result
        : run.kind === 'failed' || run.kind === 'cancelled'
          ? run.log
          : null;

  return (
    <div className="build-view" {...drop.handlers}>
      {drop.dragging ? <FolderDropOverlay /> : null}
      <div className="toolbar">
        <h1>{t('build.title')}</h1>
      </div>
      <p className="muted build-explain">{t('build.explain')}</p>
      <div className="build-body">
        <form className="build-form" onSubmit={submit} aria-label={t('build.title')}>
          <fieldset disabled={running}>
            {folder ? (
              <div className="field">
                <span>{t('build.context')}</span>
                <div className="picked-folder">
                  <span className="picked-folder-name">
                    <Icon name="file" />
                    <strong translate="no">{folder.name}/</strong>
                  </span>
                  <span className="muted">{t('build.folder.fromBrowser')}</span>
                  <button type="button" className="small" onClick={() => setFolder(null)}>
                    {t('build.folder.clear')}
                  </button>
                </div>
                <small>{t('build.folder.modes')}</small>
              </div>
            ) : (
              <div className="field">
                <label htmlFor={ids.ctxInput}>{t('build.context')}</label>
                <span className="row">
                  <input
                    id={ids.ctxInput}
                    type="text"
                    value={form.context}
                    onChange={(e) => setForm({ context: e.target.value })}
                    spellCheck={false}
                    aria-describedby={ids.ctx}
                    required
                  />
                  {native ? (
                    <button type="button" onClick={() => void pickFolder()}>
                      {t('build.chooseFolder')}
                    </button>
                  ) : (
                    <button type="button" onClick={() => setBrowsing(true)}>
                      {t('build.browse')}
                    </button>
                  )}
                </span>
                <small id={ids.ctx}>
                  {host?.mode === 'serve' ? t('build.contextHintServe') : t('build.contextHint')}
                </small>
              </div>
            )}
            {serve && !folder ? (
              <div className="field">
                <span className="row">
                  <UploadFolderButton onFolder={takeFolder} />
                </span>
                <small>{t('build.folder.dropHint')}</small>
              </div>
            ) : null}
            {folderProblem ? (
              <p className="field-error" role="alert">
                {folderProblem}
              </p>
            ) : null}
            <div className="field">
              <label htmlFor={ids.dfInput}>{t('build.dockerfile')}</label>
              <span className="row">
                <input
                  id={ids.dfInput}
                  type="text"
                  value={form.dockerfile}
                  placeholder={folder ? 'Dockerfile' : dockerfilePathFor(form.context.trim(), '')}
                  onChange={(e) => setForm({ dockerfile: e.target.value })}
                  spellCheck={false}
                  aria-describedby={ids.df}
                />
                {native && !folder ? (
                  <button type="button" onClick={() => void pickFile()}>
                    {t('build.chooseFile')}
                  </button>
                ) : null}
              </span>
              <small id={ids.df}>{folder ? t('build.folder.dockerfileHint') : t('build.dockerfileHint')}</small>
            </div>
            <label className="field">
              <span>{t('build.tags')}</span>
              <input
                type="text"
                value={form.tags}
                onChange={(e) => setForm({ tags: e.target.value })}
                spellCheck={false}
                aria-invalid={tags.invalid ? true : undefined}
                aria-describedby={ids.tags}
              />
              {tags.invalid ? (
                <small id={ids.tags} className="error" role="alert">
                  {t('build.tagInvalid', {
                    tag: tags.invalid.tag,
                    reason: t(`images.tagDialog.problem.${tags.invalid.problem}`),
                  })}
                </small>
              ) : (
                <small id={ids.tags}>{t('build.tagsHint')}</small>
              )}
            </label>
            <details className="build-options">
              <summary>{t('build.options')}</summary>
              <KeyValuesField
                id={ids.args}
                label={t('build.buildArgs')}
                value={form.buildArgs}
                onChange={(v) => setForm({ buildArgs: v })}
                invalid={buildArgs.invalid}
              />
              <KeyValuesField
                id={ids.labels}
                label={t('build.labels')}
                value={form.labels}
                onChange={(v) => setForm({ labels: v })}
                invalid={labels.invalid}
              />
              <label className="field">
                <span>{t('build.target')}</span>
                <input type="text" value={form.target} onChange={(e) => setForm({ target: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('build.platform')}</span>
                <input
                  type="text"
                  value={form.platform}
                  onChange={(e) => setForm({ platform: e.target.value })}
                  aria-describedby={ids.platform}
                />
                <small id={ids.platform}>{t('build.platformHint')}</small>
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={form.noCache}
                  onChange={(e) => setForm({ noCache: e.target.checked })}
                />
                <span>{t('build.noCache')}</span>
              </label>
              <label className="check">
                <input type="checkbox" checked={form.pull} onChange={(e) => setForm({ pull: e.target.checked })} />
                <span>{t('build.pull')}</span>
              </label>
            </details>
          </fieldset>
          <ContextSummaryView
            summary={summary}
            loading={summaryLoading}
            error={summaryError}
            dockerfilePath={dockerfilePath}
            folderMode={folder !== null}
            fmt={fmt}
          />
          <div className="build-actions">
            {running ? (
              <button type="button" className="danger" onClick={cancel}>
                {t('build.cancel')}
              </button>
            ) : (
              <button type="submit" className="primary" disabled={!canBuild}>
                {t('build.start')}
              </button>
            )}
          </div>
        </form>
        <section className="build-editor" aria-label={t('build.editor')}>
          <div className="build-editor-head">
            <code className="build-editor-path">{textPath || dockerfilePath}</code>
            {dirty ? <span className="muted">{t('build.unsaved')}</span> : null}
            <button
              type="button"
              className="small"
              disabled={!textPath || !dirty || folder !== null}
              onClick={() => void save()}
            >
              {t('build.save')}
            </button>
          </div>
          {folder ? <small className="muted build-readonly">{t('build.folder.readOnly')}</small> : null}
          <DockerfileEditor value={text} onChange={setText} label={t('build.editorLabel')} />
          {readError ? <ErrorMessage error={readError} lead={t('build.readFailed')} /> : null}
          {saveState && 'ok' in saveState ? (
            <p role="status" className="ok">
              {t('build.saved', { path: saveState.ok })}
            </p>
          ) : null}
          {saveState && 'error' in saveState ? (
            <ErrorMessage error={saveState.error} lead={t('build.saveFailed')} />
          ) : null}
          <div className="build-warnings" aria-label={t('build.lintTitle')} role="list">
            {warnings.map((w, i) => (
              <div role="listitem" key={i} className="build-warning">
                <span className="muted">{w.from.line + 1}:</span> {t(`build.lint.${w.rule}`, w.params)}
              </div>
            ))}
          </div>
        </section>
      </div>
      <BuildStatus run={run} fmt={fmt} onShowImages={() => navigate('images')} />
      {log ? <BuildLogView log={log} /> : null}
      {browsing ? (
        <FolderDialog
          {...(form.context ? { start: form.context } : {})}
          onPick={(path) => setForm({ context: path })}
          onClose={() => setBrowsing(false)}
        />
      ) : null}
    </div>
  );
}

function KeyValuesField(props: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  invalid: { line: number; text: string } | undefined;
}) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{props.label}</span>
      <textarea
        rows={2}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        spellCheck={false}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.id}
      />
      {props.invalid ? (
        <small id={props.id} className="error" role="alert">
          {t('build.keyValueInvalid', { line: props.invalid.line, text: props.invalid.text })}
        </small>
      ) : (
        <small id={props.id}>{t('build.keyValuesHint')}</small>
      )}
    </label>
  );
}

function ContextSummaryView(props: {
  summary: ContextSummary | null;
  loading: boolean;
  error: ApiErrorData | null;
  dockerfilePath: string;
  /** The context is a browser folder: nothing can be saved into it. */
  folderMode: boolean;
  fmt(n: number): string;
}) {
  const { t } = useTranslation();
  const { summary: s, fmt } = props;
  if (props.error) return <ErrorMessage error={props.error} lead={t('build.summaryFailed')} />;
  if (!s) return props.loading ? <p className="muted">{t('build.summaryLoading')}</p> : null;
  return (
    <div className="build-summary" role="status" aria-label={t('build.context')}>
      <p>{t('build.summary', { files: s.files, folders: s.folders, size: fmt(s.bytes) })}</p>
      {s.links ? <p className="muted">{t('build.summaryLinks', { count: s.links })}</p> : null}
      <p className="muted">
        {s.ignorePatterns
          ? t('build.summaryIgnored', { patterns: s.ignorePatterns, count: s.ignored })
          : t('build.summaryNoIgnore')}
      </p>
      {s.skippedSpecial ? <p className="muted">{t('build.summarySpecial', { count: s.skippedSpecial })}</p> : null}
      {s.huge ? (
        <p className="build-huge" role="alert">
          {t('build.summaryHuge', { largest: s.largest.map((l) => `${l.path} (${fmt(l.bytes)})`).join(', ') })}
        </p>
      ) : null}
      {!s.dockerfileFound ? (
        <p className="build-huge">
          {t(props.folderMode ? 'build.folder.noDockerfile' : 'build.summaryNoDockerfile', {
            path: props.dockerfilePath,
          })}
        </p>
      ) : null}
    </div>
  );
}
