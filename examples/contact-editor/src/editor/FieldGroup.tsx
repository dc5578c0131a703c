import { useId, type ReactNode } from 'react';
import { FIELD_LABELS, type EditableField } from './form';

interface FieldGroupProps {
  field: EditableField;
  error: string | undefined;
  /** Values from a linked Google profile, shown but not editable. */
  fromProfile?: readonly string[];
  children: ReactNode;
}

/** One Person field of the form: a fieldset whose error, if any, shows inside it. */
export function FieldGroup({ field, error, fromProfile = [], children }: FieldGroupProps) {
  const id = useId();
  return (
    <fieldset
      className={error === undefined ? 'field-group' : 'field-group has-error'}
      aria-describedby={error === undefined ? undefined : `${id}-error`}
    >
      <legend>{FIELD_LABELS[field]}</legend>
      {children}
      {fromProfile.length > 0 && (
        <p className="hint">
          From the linked Google profile (not editable): {fromProfile.join('; ')}
        </p>
      )}
      {error !== undefined && (
        <p id={`${id}-error`} role="alert" className="error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
