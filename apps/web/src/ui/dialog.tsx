import { ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n';

/** A modal on the native <dialog>: the browser traps focus, Esc closes, focus returns after. */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { t } = useI18n();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn btn-link" onClick={onClose} aria-label={t('common.close')}>×</button>
      </div>
      {open && children}
    </dialog>
  );
}
