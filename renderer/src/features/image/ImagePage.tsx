import { useTranslation } from 'react-i18next';
import { routeHash } from '../../app/routeHash';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Icon } from '../../ui/icons';
import { RunDialogHost } from '../containers/RunDialog';
import { useRunDialog } from '../containers/runDialogStore';
import { HistoryTab } from './HistoryTab';
import { imageHash, imageTabs, isImageTab, type ImageTab } from './imageRoute';
import { InspectTab } from './InspectTab';
import { LayersSlot } from './LayersSlot';
import { OverviewTab } from './OverviewTab';
import { Tabs } from './Tabs';
import { useImageData } from './useImageData';
import './image.css';

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** One image's page: `#image/<id>[/<tab>[/<layer>]]` with Overview, Layers, History and Inspect. */
export function ImagePage({ params }: { params: string[] }) {
  const { t } = useTranslation();
  const [reference = '', tabParam, layerParam] = params;
  const tab: ImageTab = isImageTab(tabParam) ? tabParam : 'overview';
  const layer = layerParam !== undefined && /^\d+$/.test(layerParam) ? Number(layerParam) : undefined;
  const { raw, details, error } = useImageData(reference);
  const title = details ? (details.repoTags[0] ?? shortId(details.id)) : reference;
  const id = details?.id ?? reference;

  return (
    <section className="image-page" aria-labelledby="image-title">
      <div className="toolbar">
        <a href={routeHash('images')} className="back-link">
          {t('image.back')}
        </a>
        <h1 id="image-title" className="break">
          {title}
        </h1>
        {details && details.repoTags.length > 1 ? (
          <span className="muted">{t('image.moreTags', { count: details.repoTags.length - 1 })}</span>
        ) : null}
        {details ? (
          <button
            type="button"
            className="push-right tb-control"
            aria-label={t('containers.run.actionNamed', { image: title })}
            onClick={() => useRunDialog.getState().open(details.repoTags[0] ?? details.id)}
          >
            <Icon name="run" />
            <span>{t('containers.run.action')}</span>
          </button>
        ) : null}
      </div>
      {error ? <ErrorMessage error={error} lead={t('image.loadFailed', { reference })} /> : null}
      {!error && !details ? <p role="status">{t('image.loading')}</p> : null}
      {details && raw ? (
        <Tabs
          label={t('image.tabsLabel')}
          tabs={imageTabs}
          current={tab}
          title={(x) => t(`image.tab.${x}`)}
          onSelect={(x) => {
            window.location.hash = imageHash(id, x);
          }}
          idPrefix="image"
        >
          {tab === 'overview' ? <OverviewTab details={details} raw={raw} /> : null}
          {tab === 'layers' ? <LayersSlot imageId={id} {...(layer !== undefined ? { layer } : {})} /> : null}
          {tab === 'history' ? <HistoryTab imageId={id} /> : null}
          {tab === 'inspect' ? <InspectTab raw={raw} reference={details.repoTags[0] ?? shortId(details.id)} /> : null}
        </Tabs>
      ) : null}
      <RunDialogHost />
    </section>
  );
}
