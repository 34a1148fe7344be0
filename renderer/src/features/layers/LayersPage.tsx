import { useTranslation } from 'react-i18next';
import { navigate, routeHash } from '../../app/route';
import { LayersTab } from './LayersTab';

/**
 * `#layers/<image>/<n>`: the layer explorer on a page of its own (a link
 * target until the image page hosts LayersTab as its Layers tab).
 */
export function LayersPage({ params }: { params: string[] }) {
  const { t } = useTranslation();
  const imageId = params[0];
  const n = params[1] !== undefined ? Number(params[1]) : NaN;
  if (!imageId) return <p>{t('layers.noImage')}</p>;
  return (
    <div className="layers-page">
      <p>
        <a href={routeHash('images')}>← {t('app.images')}</a>
      </p>
      <h1 className="layers-page-title">{t('layers.pageTitle', { image: imageId })}</h1>
      <LayersTab
        imageId={imageId}
        {...(Number.isInteger(n) && n >= 0 ? { layer: n } : {})}
        onSelectLayer={(layer) => navigate('layers', imageId, String(layer))}
      />
    </div>
  );
}
