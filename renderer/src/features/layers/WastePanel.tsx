import { useTranslation } from 'react-i18next';
import type { LayersSummary, WastedPath } from '../../../../shared/contract/layerModels';
import { formatBytes } from '../../i18n/format';
import { TextWithCode } from '../../ui/Trans';

/** The command of a layer, shortened for a sentence. */
const shortCommand = (command: string): string => {
  const c = command.replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, (_m, nop: string | undefined) => (nop ? '' : 'RUN '));
  return c.length > 80 ? `${c.slice(0, 79)}…` : c || '?';
};

/** Every wasted version, biggest first, with why it is waste; a row shows the path in its layer. */
export function WastePanel({ summary, onShow }: { summary: LayersSummary; onShow(w: WastedPath): void }) {
  const { t, i18n } = useTranslation();
  const why = (w: WastedPath) => (
    <TextWithCode
      k={`layers.why.${w.how}`}
      values={{
        layer: w.layer + 1,
        removedIn: w.removedIn + 1,
        command: shortCommand(summary.layers[w.layer]?.command ?? ''),
      }}
    />
  );
  return (
    <section className="waste-panel" aria-labelledby="waste-title">
      <h3 id="waste-title">
        {t('layers.wasteTitle')} · {t('layers.wasteCount', { count: summary.wastedCount })}
      </h3>
      {summary.wastedCount === 0 ? (
        <p>{t('layers.wasteNone')}</p>
      ) : (
        <>
          <table className="waste-table" aria-label={t('layers.wasteLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('layers.col.path')}</th>
                <th scope="col">{t('layers.col.size')}</th>
                <th scope="col">{t('layers.col.why')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.wasted.map((w, i) => (
                <tr key={`${w.path}-${w.layer}-${i}`}>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('layers.showInLayer', { path: w.path, n: w.layer + 1 })}
                      onClick={() => onShow(w)}
                    >
                      {w.path}
                    </button>
                  </td>
                  <td className="num">{formatBytes(w.bytes, i18n.language)}</td>
                  <td>{why(w)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {summary.wastedCount > summary.wasted.length ? (
            <p className="muted">{t('layers.wasteCapped', { shown: summary.wasted.length })}</p>
          ) : null}
        </>
      )}
    </section>
  );
}
