import { useEffect, useRef, useState } from 'react';
import { focusFirstError } from '../ui/fields';

/** What a refused save says: messages by the form's own keys, and a line for the top of the form. */
export interface Placed { errors: Record<string, string>; summary: string }

/**
 * A form that checks itself before sending and places the server's field problems beside the
 * fields: busy while sending, errors by the form's keys, a top line, and the focus on the first
 * field in trouble after each refusal.
 */
export function useCheckedSave() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    focusFirstError(formRef.current);
  }, [errors]);

  /** Stops at `local` problems (with `fix` on top); else sends, and on failure shows what `place` makes of the error. */
  async function save(local: Record<string, string>, fix: string, send: () => Promise<void>, place: (error: unknown) => Placed): Promise<void> {
    setFormError(null);
    if (Object.keys(local).length) {
      setErrors(local);
      setFormError(fix);
      return;
    }
    setBusy(true);
    try {
      await send();
      setErrors({});
    } catch (error) {
      const placed = place(error);
      setErrors(placed.errors);
      setFormError(placed.summary);
    } finally {
      setBusy(false);
    }
  }
  return { errors, formError, busy, formRef, save };
}
