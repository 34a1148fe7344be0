import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OperationDialog } from '../../ui/OperationDialog';
import { PullForm } from './PullForm';
import { PushPanel } from './PushPanel';
import { TransferCard } from './TransferCard';
import { useTransfers } from './transfers';
import './registries.css';

/** The transfers started from this dialog (they go on after it closes; the tasks drawer keeps them). */
function Started({ ids }: { ids: string[] }) {
  // Select the stable array, filter outside: a selector returning a new array each time loops forever.
  const all = useTransfers((s) => s.transfers);
  const transfers = useMemo(() => all.filter((x) => ids.includes(x.id)), [all, ids]);
  return (
    <div className="dialog-transfers">
      {transfers.map((x) => (
        <TransferCard key={x.id} transfer={x} />
      ))}
    </div>
  );
}

/**
 * The frame the toolbar's registry dialogs share: the transfers run on their
 * own (closing never cancels them), so the only action is Close.
 */
function TransferDialog({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <OperationDialog title={title} running={false} onCancelOperation={() => {}} onClose={onClose}>
      {(close) => (
        <div className="registry-dialog">
          {children}
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={close}>
              {t('common.close')}
            </button>
          </div>
        </div>
      )}
    </OperationDialog>
  );
}

/** Toolbar Pull…: the pull form and the pulls it started, with their layer rows. */
export function PullDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [ids, setIds] = useState<string[]>([]);
  return (
    <TransferDialog title={t('registries.pull.heading')} onClose={onClose}>
      <PullForm onStarted={(id) => setIds((all) => [id, ...all])} />
      <Started ids={ids} />
    </TransferDialog>
  );
}

/** Toolbar Push…: the selected image, where it goes, the tag step when needed, and the push. */
export function PushDialog({ source, onClose }: { source: string; onClose(): void }) {
  const { t } = useTranslation();
  const [ids, setIds] = useState<string[]>([]);
  return (
    <TransferDialog title={t('registries.push.title', { source })} onClose={onClose}>
      <PushPanel initial={source} onStarted={(id) => setIds((all) => [id, ...all])} />
      <Started ids={ids} />
    </TransferDialog>
  );
}

/** Toolbar Update: the update the toolbar started (re-pull the selected tags) and which changed. */
export function UpdateDialog({ id, count, onClose }: { id: string; count: number; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <TransferDialog title={t('registries.transfers.updating', { count })} onClose={onClose}>
      <Started ids={[id]} />
    </TransferDialog>
  );
}
