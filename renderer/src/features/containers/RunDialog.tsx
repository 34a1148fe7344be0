import { FilePickButton } from '../../ui/FilePickButton';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunFieldProblem } from '../../../../shared/contract/containerModels';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import type { ImageDetails } from '../../../../shared/contract/imageModels';
import { invalidUtf8LinesOf, planRun, type RunFieldName } from '../../../../shared/contract/runSpec';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { navigate } from '../../app/route';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { OperationDialog } from '../../ui/OperationDialog';
import { useRunDialog } from './runDialogStore';
import './containers.css';

interface EnvFile {
  name: string;
  text: string;
  invalidUtf8Lines: number[];
}

const RESTART = ['no', 'always', 'unless-stopped', 'on-failure'] as const;

/** Opens the Run dialog for whichever image asked for it. */
export function RunDialogHost() {
  const image = useRunDialog((s) => s.image);
  const close = useRunDialog((s) => s.close);
  return image ? <RunDialog key={image} image={image} onClose={close} /> : null;
}

const sameProblem = (a: RunFieldProblem, b: RunFieldProblem) =>
  a.field === b.field && a.index === b.index && a.code === b.code;

/**
 * `docker run` from an image: every option the seeds use, each checked as it
 * is typed (syntax here; ports in use, bind sources, names and networks by
 * the backend) with the reason under its field.
 */
export function RunDialog({ image, onClose }: { image: string; onClose(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [command, setCommand] = useState('');
  const [entrypoint, setEntrypoint] = useState('');
  const [attach, setAttach] = useState(false);
  const [autoRemove, setAutoRemove] = useState(false);
  const [ports, setPorts] = useState<string[]>([]);
  const [env, setEnv] = useState('');
  const [envFile, setEnvFile] = useState<EnvFile | null>(null);
  const [volumes, setVolumes] = useState<string[]>([]);
  const [network, setNetwork] = useState('');
  const [networks, setNetworks] = useState<string[]>([]);
  const [restart, setRestart] = useState<(typeof RESTART)[number]>('no');
  const [user, setUser] = useState('');
  const [workdir, setWorkdir] = useState('');
  const [details, setDetails] = useState<ImageDetails | null>(null);
  const [serverProblems, setServerProblems] = useState<RunFieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [started, setStarted] = useState<{ id: string; name: string } | null>(null);

  useEffect(() => {
    api()
      .call('images.inspect', { reference: image })
      .then(setDetails)
      .catch(() => {});
    api()
      .call('containers.networks', {})
      .then(setNetworks)
      .catch(() => {});
  }, [image]);

  const fields = useMemo(
    () => ({
      name,
      command,
      entrypoint,
      autoRemove,
      ports,
      env,
      ...(envFile ? { envFile } : {}),
      volumes,
      network,
      restart,
      user,
      workdir,
    }),
    [name, command, entrypoint, autoRemove, ports, env, envFile, volumes, network, restart, user, workdir],
  );
  // The values of bare KEY lines come from the backend; here only the checks matter.
  const local = useMemo(() => planRun(fields, () => undefined).problems, [fields]);

  // The backend's checks (port in use, bind source, name, network), a moment after typing stops.
  useEffect(() => {
    if (local.length) {
      setServerProblems([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api()
        .call('containers.checkRun', { image, ...fields })
        .then((p) => live && setServerProblems(p))
        .catch(() => {});
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [fields, local.length, image]);

  const problems = [...local, ...serverProblems.filter((s) => !local.some((l) => sameProblem(l, s)))];
  const problemText = (p: RunFieldProblem) =>
    t(`containers.run.problem.${p.code}`, { ...(p.params ?? {}), line: p.line ?? '' });
  const problemOf = (field: RunFieldName, index?: number) =>
    problems.find((p) => p.field === field && (index === undefined || p.index === index));

  const submit = async () => {
    if (local.length) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api().call('containers.run', { image, ...fields });
      if (attach) {
        onClose();
        navigate('containers', 'logs', res.id);
        return;
      }
      setStarted(res);
    } catch (err) {
      const data = toErrorData(err);
      const found = data.details?.problems;
      if (data.code === 'INVALID_ARGUMENT' && Array.isArray(found)) setServerProblems(found as RunFieldProblem[]);
      else setError(data);
    } finally {
      setBusy(false);
    }
  };

  const exposed = (details?.config.exposedPorts ?? []).filter(
    (p) => !ports.some((x) => x.trim().endsWith(`:${p.replace(/\/tcp$/, '')}`) || x.trim().endsWith(`:${p}`)),
  );

  return (
    <OperationDialog
      title={t('containers.run.title', { image })}
      running={busy}
      onCancelOperation={() => {}}
      onClose={onClose}
    >
      {(close) =>
        started ? (
          <>
            <p role="status" className="ok">
              {t('containers.run.started', { name: started.name })}
            </p>
            <div className="dialog-actions">
              <button
                type="button"
                onClick={() => {
                  close();
                  navigate('containers', 'logs', started.id);
                }}
              >
                {t('containers.run.showLog')}
              </button>
              <button type="button" className="primary" autoFocus onClick={close}>
                {t('common.close')}
              </button>
            </div>
          </>
        ) : (
          <form
            className="run-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <div className="run-grid">
              <TextField
                label={t('containers.run.name')}
                value={name}
                onChange={setName}
                problem={problemOf('name')}
                text={problemText}
                placeholder={t('containers.run.namePlaceholder')}
                autoFocus
              />
              <TextField label={t('containers.run.network')} problem={problemOf('network')} text={problemText}>
                {(id, described) => (
                  <select
                    id={id}
                    aria-describedby={described}
                    value={network}
                    onChange={(e) => setNetwork(e.target.value)}
                  >
                    <option value="">{t('containers.run.networkDefault')}</option>
                    {networks.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                )}
              </TextField>
              <TextField
                label={t('containers.run.command')}
                value={command}
                onChange={setCommand}
                problem={problemOf('command')}
                text={problemText}
                mono
                placeholder={details?.config.cmd ? details.config.cmd.join(' ') : ''}
                hint={t('containers.run.commandHint')}
              />
              <TextField
                label={t('containers.run.entrypoint')}
                value={entrypoint}
                onChange={setEntrypoint}
                problem={problemOf('entrypoint')}
                text={problemText}
                mono
                placeholder={details?.config.entrypoint ? details.config.entrypoint.join(' ') : ''}
              />
              <TextField
                label={t('containers.run.user')}
                value={user}
                onChange={setUser}
                problem={problemOf('user')}
                text={problemText}
                mono
                placeholder={details?.config.user || 'uid:gid'}
              />
              <TextField
                label={t('containers.run.workdir')}
                value={workdir}
                onChange={setWorkdir}
                problem={problemOf('workdir')}
                text={problemText}
                mono
                placeholder={details?.config.workingDir || '/'}
              />
              <TextField label={t('containers.run.restart')} problem={problemOf('restart')} text={problemText}>
                {(id, described) => (
                  <select
                    id={id}
                    aria-describedby={described}
                    value={restart}
                    onChange={(e) => setRestart(e.target.value as (typeof RESTART)[number])}
                  >
                    {RESTART.map((r) => (
                      <option key={r} value={r}>
                        {t(`containers.run.restartPolicy.${r}`)}
                      </option>
                    ))}
                  </select>
                )}
              </TextField>
              <fieldset className="run-mode">
                <legend>{t('containers.run.mode')}</legend>
                <label className="check">
                  <input type="radio" name="mode" checked={!attach} onChange={() => setAttach(false)} />
                  {t('containers.run.detach')}
                </label>
                <label className="check">
                  <input type="radio" name="mode" checked={attach} onChange={() => setAttach(true)} />
                  {t('containers.run.attach')}
                </label>
                <label className="check">
                  <input type="checkbox" checked={autoRemove} onChange={(e) => setAutoRemove(e.target.checked)} />
                  {t('containers.run.autoRemove')}
                </label>
              </fieldset>
            </div>

            <ListField
              legend={t('containers.run.ports')}
              hint={t('containers.run.portsHint')}
              values={ports}
              setValues={setPorts}
              itemLabel={(i) => t('containers.run.portN', { n: i + 1 })}
              removeLabel={(i) => t('containers.run.removePortN', { n: i + 1 })}
              addLabel={t('containers.run.addPort')}
              placeholder="8080:80/tcp"
              problemOf={(i) => problemOf('ports', i)}
              text={problemText}
            >
              {exposed.map((p) => (
                <button
                  key={p}
                  type="button"
                  className="small"
                  onClick={() => {
                    const [port = '', proto = 'tcp'] = p.split('/');
                    setPorts([...ports, proto === 'tcp' ? `${port}:${port}` : `${port}:${port}/${proto}`]);
                  }}
                >
                  {t('containers.run.publishExposed', { port: p })}
                </button>
              ))}
            </ListField>

            <div className="field">
              <label htmlFor="run-env">{t('containers.run.env')}</label>
              <textarea
                id="run-env"
                rows={3}
                className="mono"
                spellCheck={false}
                translate="no"
                placeholder={'MYSQL_ROOT_PASSWORD=secret\nTZ'}
                value={env}
                aria-invalid={problemOf('env') !== undefined}
                aria-describedby="run-env-hint"
                onChange={(e) => setEnv(e.target.value)}
              />
              <Hint id="run-env-hint" problem={problemOf('env')} text={problemText}>
                {t('containers.run.envHint')}
              </Hint>
            </div>
            <div className="field">
              {/* Lading's file button, not the browser's ("Choose File" in the browser's language). */}
              <FilePickButton
                label={t('containers.run.envFile')}
                onFiles={([file]) => {
                  if (!file) {
                    setEnvFile(null);
                    return;
                  }
                  void file.arrayBuffer().then((buf) => {
                    const bytes = new Uint8Array(buf);
                    setEnvFile({
                      name: file.name,
                      text: new TextDecoder().decode(bytes),
                      invalidUtf8Lines: invalidUtf8LinesOf(bytes),
                    });
                  });
                }}
              />
              <Hint id="run-env-file-hint" problem={problemOf('envFile')} text={problemText}>
                {envFile
                  ? t('containers.run.envFileRead', {
                      name: envFile.name,
                      count: planRun({ ...fields, env: '' }, () => '').plan.env.length,
                    })
                  : t('containers.run.envFileHint')}
              </Hint>
            </div>

            <ListField
              legend={t('containers.run.volumes')}
              hint={t('containers.run.volumesHint')}
              values={volumes}
              setValues={setVolumes}
              itemLabel={(i) => t('containers.run.volumeN', { n: i + 1 })}
              removeLabel={(i) => t('containers.run.removeVolumeN', { n: i + 1 })}
              addLabel={t('containers.run.addVolume')}
              placeholder="/srv/data:/data:ro"
              problemOf={(i) => problemOf('volumes', i)}
              text={problemText}
            />

            {error ? <ErrorMessage error={error} lead={t('containers.run.failed', { image })} /> : null}
            {problems.length ? (
              <p className="field-error">{t('containers.run.problemsCount', { count: problems.length })}</p>
            ) : null}
            <div className="dialog-actions">
              <button type="button" onClick={close}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary" disabled={busy || local.length > 0}>
                {busy ? t('containers.run.running') : t('containers.run.submit')}
              </button>
            </div>
          </form>
        )
      }
    </OperationDialog>
  );
}

function Hint({
  id,
  problem,
  text,
  children,
}: {
  id: string;
  problem: RunFieldProblem | undefined;
  text(p: RunFieldProblem): string;
  children?: ReactNode;
}) {
  return (
    <small id={id} className={problem ? 'field-error' : undefined} role={problem ? 'alert' : undefined}>
      {problem ? text(problem) : children}
    </small>
  );
}

function TextField({
  label,
  value,
  onChange,
  problem,
  text,
  placeholder,
  hint,
  mono,
  autoFocus,
  children,
}: {
  label: string;
  value?: string;
  onChange?(v: string): void;
  problem: RunFieldProblem | undefined;
  text(p: RunFieldProblem): string;
  placeholder?: string;
  hint?: string;
  mono?: boolean;
  autoFocus?: boolean;
  children?(id: string, describedBy: string): ReactNode;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children ? (
        children(id, hintId)
      ) : (
        <input
          id={id}
          className={mono ? 'mono' : undefined}
          translate={mono ? 'no' : undefined}
          value={value}
          spellCheck={false}
          autoFocus={autoFocus}
          placeholder={placeholder}
          aria-invalid={problem !== undefined}
          aria-describedby={hintId}
          onChange={(e) => onChange?.(e.target.value)}
        />
      )}
      <Hint id={hintId} problem={problem} text={text}>
        {hint}
      </Hint>
    </div>
  );
}

function ListField({
  legend,
  hint,
  values,
  setValues,
  itemLabel,
  removeLabel,
  addLabel,
  placeholder,
  problemOf,
  text,
  children,
}: {
  legend: string;
  hint: string;
  values: string[];
  setValues(v: string[]): void;
  itemLabel(i: number): string;
  removeLabel(i: number): string;
  addLabel: string;
  placeholder: string;
  problemOf(i: number): RunFieldProblem | undefined;
  text(p: RunFieldProblem): string;
  children?: ReactNode;
}) {
  const base = useId();
  return (
    <fieldset className="list-field">
      <legend>{legend}</legend>
      <small className="muted">{hint}</small>
      {values.map((v, i) => {
        const problem = problemOf(i);
        return (
          <div key={i} className="list-item">
            <div className="row">
              <input
                className="mono"
                translate="no"
                aria-label={itemLabel(i)}
                value={v}
                spellCheck={false}
                placeholder={placeholder}
                autoFocus={v === '' && i === values.length - 1}
                aria-invalid={problem !== undefined}
                aria-describedby={`${base}-${i}`}
                onChange={(e) => setValues(values.map((x, j) => (j === i ? e.target.value : x)))}
              />
              <button
                type="button"
                className="small"
                aria-label={removeLabel(i)}
                onClick={() => setValues(values.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
            <Hint id={`${base}-${i}`} problem={problem} text={text} />
          </div>
        );
      })}
      <div className="row">
        <button type="button" className="small" onClick={() => setValues([...values, ''])}>
          {addLabel}
        </button>
        {children}
      </div>
    </fieldset>
  );
}
