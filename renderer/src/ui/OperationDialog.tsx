import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTasks } from '../features/tasks/store';

interface Props {
  title: string;
  /** While an operation runs, the dialog cannot be closed; Escape cancels the operation instead. */
  running: boolean;
  onCancelOperation(): void;
  onClose(): void;
  /**
   * Renders the body; `close` closes the dialog (ignored while running);
   * `hide` closes it while the operation goes on in the tasks drawer.
   */
  children(close: () => void, hide: () => void): ReactNode;
}

/** A modal <dialog> for one long operation (save, load, …): focus moves in, Escape behaves. */
export function OperationDialog({ title, running, onCancelOperation, onClose, children }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const close = () => {
    if (running) return;
    ref.current?.close();
    onClose();
  };

  /** The operation is a task: it keeps running, and the drawer (opened here) shows it. */
  const hide = () => {
    ref.current?.close();
    onClose();
    useTasks.getState().setOpen(true);
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (running) onCancelOperation();
        else close();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children(close, hide)}
    </dialog>
  );
}
