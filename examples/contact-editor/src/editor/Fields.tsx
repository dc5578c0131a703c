/** Form controls for each editable Person field; every control has a visible label. */
import { useId } from 'react';
import {
  emptyAddress,
  type AddressForm,
  type BiographyForm,
  type BirthdayForm,
  type NameForm,
} from './form';
import type { GroupOption } from '../groups/useContactGroups';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'number';
  autoComplete?: string;
  inputMode?: 'numeric';
}

export function TextField({ label, value, onChange, type = 'text', ...rest }: TextFieldProps) {
  const id = useId();
  return (
    <div className="text-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
        {...rest}
      />
    </div>
  );
}

export function NameFields({
  value,
  onChange,
}: {
  value: NameForm;
  onChange: (v: NameForm) => void;
}) {
  const part = (key: Exclude<keyof NameForm, 'kept'>, label: string) => (
    <TextField
      label={label}
      value={value[key]}
      onChange={(text) => {
        onChange({ ...value, [key]: text });
      }}
    />
  );
  return (
    <div className="row">
      {part('honorificPrefix', 'Prefix')}
      {part('givenName', 'Given name')}
      {part('middleName', 'Middle name')}
      {part('familyName', 'Family name')}
      {part('honorificSuffix', 'Suffix')}
    </div>
  );
}

interface ValueItem {
  value: string;
  type: string;
}

interface ValueListProps<T extends ValueItem> {
  /** "Email", "Phone": labels read "Email 1", "Type of email 1", "Remove email 1". */
  noun: string;
  inputType: 'email' | 'tel';
  items: readonly T[];
  onChange: (items: T[]) => void;
  make: () => T;
}

/** A list of typed values (email addresses, phone numbers) with add and remove. */
export function ValueList<T extends ValueItem>({
  noun,
  inputType,
  items,
  onChange,
  make,
}: ValueListProps<T>) {
  const lower = noun.toLowerCase();
  const set = (index: number, item: T) => {
    onChange(items.map((it, i) => (i === index ? item : it)));
  };
  return (
    <>
      {items.map((item, index) => (
        <div className="row" key={index}>
          <TextField
            label={`${noun} ${index + 1}`}
            type={inputType}
            value={item.value}
            onChange={(value) => {
              set(index, { ...item, value });
            }}
          />
          <TextField
            label={`Type of ${lower} ${index + 1}`}
            value={item.type}
            onChange={(type) => {
              set(index, { ...item, type });
            }}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              onChange(items.filter((_, i) => i !== index));
            }}
          >
            Remove {lower} {index + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          onChange([...items, make()]);
        }}
      >
        Add {lower}
      </button>
    </>
  );
}

export function AddressFields({
  items,
  onChange,
}: {
  items: readonly AddressForm[];
  onChange: (items: AddressForm[]) => void;
}) {
  const set = (index: number, address: AddressForm) => {
    onChange(items.map((it, i) => (i === index ? address : it)));
  };
  return (
    <>
      {items.map((address, index) => {
        const part = (key: Exclude<keyof AddressForm, 'kept'>, label: string) => (
          <TextField
            label={`${label} (address ${index + 1})`}
            value={address[key]}
            onChange={(text) => {
              set(index, { ...address, [key]: text });
            }}
          />
        );
        return (
          <div className="address" key={index}>
            <div className="row">
              {part('streetAddress', 'Street')}
              {part('extendedAddress', 'Apartment, suite')}
            </div>
            <div className="row">
              {part('postalCode', 'Postal code')}
              {part('city', 'City')}
              {part('region', 'Region')}
              {part('country', 'Country')}
              {part('type', 'Type')}
            </div>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                onChange(items.filter((_, i) => i !== index));
              }}
            >
              Remove address {index + 1}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          onChange([...items, emptyAddress()]);
        }}
      >
        Add address
      </button>
    </>
  );
}

export function BirthdayFields({
  value,
  onChange,
}: {
  value: BirthdayForm;
  onChange: (v: BirthdayForm) => void;
}) {
  const part = (key: keyof BirthdayForm, label: string) => (
    <TextField
      label={label}
      inputMode="numeric"
      value={value[key]}
      onChange={(text) => {
        onChange({ ...value, [key]: text });
      }}
    />
  );
  return (
    <div className="row">
      {part('year', 'Year (optional)')}
      {part('month', 'Month')}
      {part('day', 'Day')}
    </div>
  );
}

export function BiographyField({
  value,
  onChange,
}: {
  value: BiographyForm;
  onChange: (v: BiographyForm) => void;
}) {
  const id = useId();
  return (
    <div className="text-field wide">
      <label htmlFor={id}>Notes about this contact</label>
      <textarea
        id={id}
        rows={3}
        value={value.value}
        onChange={(event) => {
          onChange({ ...value, value: event.target.value });
        }}
      />
    </div>
  );
}

export function MembershipFields({
  groups,
  value,
  onChange,
}: {
  groups: readonly GroupOption[];
  value: readonly string[];
  onChange: (v: string[]) => void;
}) {
  const id = useId();
  return (
    <div className="checkboxes">
      {groups.map((group, index) => (
        <div key={group.resourceName}>
          <input
            id={`${id}-${index}`}
            type="checkbox"
            checked={value.includes(group.resourceName)}
            onChange={(event) => {
              onChange(
                event.target.checked
                  ? [...value, group.resourceName]
                  : value.filter((g) => g !== group.resourceName),
              );
            }}
          />
          <label htmlFor={`${id}-${index}`}>{group.label}</label>
        </div>
      ))}
    </div>
  );
}
