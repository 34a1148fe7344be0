import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonObject } from '../../../../shared/contract/inspectModels';
import { formatInspect } from '../../../../shared/goTemplate';
import { CopyButton } from './CopyButton';

const EXAMPLES = [
  '{{.Architecture}}',
  '{{json .Config}}',
  '{{range .RepoTags}}{{println .}}{{end}}',
  '{{index .Config.Labels "org.opencontainers.image.title"}}',
  '{{len .RootFS.Layers}}',
];

const HELP_EXAMPLES = '{{.Os}}/{{.Architecture}}, {{json .Config}}, {{range .RepoTags}}{{println .}}{{end}}';

/** Shell-quotes a template for the equivalent command line. */
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** What `docker image inspect -f TEMPLATE` prints for this image, evaluated as the CLI would. */
export function FormatBox({ raw, reference }: { raw: JsonObject; reference: string }) {
  const { t } = useTranslation();
  const [template, setTemplate] = useState('{{.Architecture}}');
  const deferred = useDeferredValue(template);
  const result = useMemo(() => (deferred.trim() ? formatInspect(deferred, raw) : null), [deferred, raw]);
  const command = `docker image inspect -f ${shellQuote(template)} ${reference}`;

  return (
    <section className="format-box" aria-labelledby="format-title">
      <h2 id="format-title">{t('image.format.title')}</h2>
      <div className="format-row">
        <span className="mono muted" aria-hidden="true">
          docker image inspect -f
        </span>
        <input
          id="format-input"
          type="text"
          className="mono"
          spellCheck={false}
          aria-label={t('image.format.label')}
          aria-describedby="format-help"
          value={template}
          list="format-examples"
          onChange={(e) => setTemplate(e.target.value)}
        />
        <datalist id="format-examples">
          {EXAMPLES.map((x) => (
            <option key={x} value={x} />
          ))}
        </datalist>
        <CopyButton text={command} label={t('image.format.copyCommand')} />
      </div>
      <p id="format-help" className="note">
        {t('image.format.helpBefore')} <code>{HELP_EXAMPLES}</code> {t('image.format.helpAfter')}
      </p>
      {result === null ? null : result.ok ? (
        <pre className="mono code-block format-output" aria-label={t('image.format.output')} tabIndex={0}>
          {result.output === '' ? <span className="muted">{t('image.format.empty')}</span> : result.output}
        </pre>
      ) : (
        <p role="alert" className={result.kind === 'unsupported' ? 'note' : 'field-error'}>
          {t(`image.format.${result.kind}`)} <span className="mono">{result.message}</span>
        </p>
      )}
    </section>
  );
}
