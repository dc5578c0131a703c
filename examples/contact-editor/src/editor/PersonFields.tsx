import { useContactGroups } from '../groups/useContactGroups';
import { otherSourceValues, type Person } from '../person';
import { FieldGroup } from './FieldGroup';
import {
  AddressFields,
  BiographyField,
  BirthdayFields,
  MembershipFields,
  NameFields,
  ValueList,
} from './Fields';
import { emptyEmail, emptyPhone, type EditableField, type PersonForm } from './form';
import type { FieldProblems } from './inputs';

interface PersonFieldsProps {
  form: PersonForm;
  onChange: (form: PersonForm) => void;
  problems: FieldProblems;
  /** The person as read, for the values of a linked profile; none when creating. */
  person?: Person;
}

export function PersonFields({ form, onChange, problems, person }: PersonFieldsProps) {
  const { groups, groupName } = useContactGroups();
  const set =
    <K extends EditableField>(field: K) =>
    (value: PersonForm[K]) => {
      onChange({ ...form, [field]: value });
    };
  const profile = (values: readonly (string | null | undefined)[]) =>
    values.filter((v): v is string => typeof v === 'string' && v !== '');
  // Groups the contact is in but that are not offered (e.g. "Blocked") stay listed so they can be left.
  const offered = [
    ...groups,
    ...form.memberships
      .filter((g) => !groups.some((o) => o.resourceName === g))
      .map((g) => ({ resourceName: g, label: groupName(g) })),
  ];
  return (
    <>
      <FieldGroup
        field="names"
        error={problems.names}
        fromProfile={profile(otherSourceValues(person?.names ?? []).map((n) => n.displayName))}
      >
        <NameFields value={form.names} onChange={set('names')} />
      </FieldGroup>
      <FieldGroup
        field="emailAddresses"
        error={problems.emailAddresses}
        fromProfile={profile(otherSourceValues(person?.emailAddresses ?? []).map((e) => e.value))}
      >
        <ValueList
          noun="Email"
          inputType="email"
          items={form.emailAddresses}
          onChange={set('emailAddresses')}
          make={emptyEmail}
        />
      </FieldGroup>
      <FieldGroup
        field="phoneNumbers"
        error={problems.phoneNumbers}
        fromProfile={profile(otherSourceValues(person?.phoneNumbers ?? []).map((p) => p.value))}
      >
        <ValueList
          noun="Phone"
          inputType="tel"
          items={form.phoneNumbers}
          onChange={set('phoneNumbers')}
          make={emptyPhone}
        />
      </FieldGroup>
      <FieldGroup field="addresses" error={problems.addresses}>
        <AddressFields items={form.addresses} onChange={set('addresses')} />
      </FieldGroup>
      <FieldGroup field="birthdays" error={problems.birthdays}>
        <BirthdayFields value={form.birthdays} onChange={set('birthdays')} />
      </FieldGroup>
      <FieldGroup field="biographies" error={problems.biographies}>
        <BiographyField value={form.biographies} onChange={set('biographies')} />
      </FieldGroup>
      <FieldGroup field="memberships" error={problems.memberships}>
        <MembershipFields groups={offered} value={form.memberships} onChange={set('memberships')} />
      </FieldGroup>
    </>
  );
}
