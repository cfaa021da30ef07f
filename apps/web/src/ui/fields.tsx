import { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes, useId } from 'react';

// Every input has a visible label; a hint and an error are tied to it with aria-describedby.

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldText({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | null }) {
  return (
    <>
      {hint && <span id={`${id}-hint`} className="field-hint">{hint}</span>}
      {error && <span id={`${id}-error`} className="field-error" role="alert">{error}</span>}
    </>
  );
}

export type TextFieldProps = FieldProps & InputHTMLAttributes<HTMLInputElement>;

export function TextField({ label, hint, error, id: given, className, ...input }: TextFieldProps) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}{input.required && <span aria-hidden="true"> *</span>}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
      <FieldText id={id} hint={hint} error={error} />
    </div>
  );
}

export type TextAreaProps = FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>;

export function TextArea({ label, hint, error, id: given, className, ...input }: TextAreaProps) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}{input.required && <span aria-hidden="true"> *</span>}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
      <FieldText id={id} hint={hint} error={error} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

export type SelectProps = FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; placeholder?: string };

export function Select({ label, hint, error, id: given, options, placeholder, className, ...select }: SelectProps) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}{select.required && <span aria-hidden="true"> *</span>}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>{o.label}</option>
        ))}
      </select>
      <FieldText id={id} hint={hint} error={error} />
    </div>
  );
}

export type CheckboxProps = Omit<FieldProps, 'error'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>;

export function Checkbox({ label, hint, id: given, className, ...input }: CheckboxProps) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <div className={`checkbox${className ? ` ${className}` : ''}`}>
      <input id={id} type="checkbox" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint && <span id={`${id}-hint`} className="field-hint">{hint}</span>}
    </div>
  );
}

/**
 * Moves the focus to the first field in trouble inside `container`: the first control marked
 * aria-invalid within a `[data-invalid="true"]` block, else that block's first input or select.
 */
export function focusFirstError(container: HTMLElement | null): void {
  const invalid = container?.querySelector<HTMLElement>('[data-invalid="true"] [aria-invalid="true"]');
  (invalid ?? container?.querySelector<HTMLElement>('[data-invalid="true"] input, [data-invalid="true"] select'))?.focus();
}
