import { useTranslation } from 'react-i18next';
import { routeHash } from '../../app/routeHash';
import { parseCompareIds } from './imageRoute';
import './image.css';

/** Two or more images side by side: `#compare/<id>,<id>,…`. */
export function ComparePage({ params }: { params: string[] }) {
  const { t } = useTranslation();
  const ids = parseCompareIds(params[0]);
  return (
    <section className="image-page" aria-labelledby="compare-title">
      <div className="toolbar">
        <a href={routeHash('images')} className="back-link">
          {t('image.back')}
        </a>
        <h1 id="compare-title">{t('app.compare')}</h1>
      </div>
      <p>{ids.join(', ')}</p>
    </section>
  );
}
