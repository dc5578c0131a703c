import { useQuery } from '@apollo/client/react';
import { ContactGroupsDocument } from '../gql/graphql';
import { FieldGroup } from './FieldGroup';
import {
  AddressFields,
  BiographyField,
  BirthdayFields,
  MembershipFields,
  NameFields,
  ValueList,
  type GroupOption,
} from './Fields';
import {
  emptyEmail,
  emptyPhone,
  otherSourceValues,
  type EditableField,
  type FieldProblems,
  type Person,
  type PersonForm,
} from './form';

/** Groups a contact can be put in: the user's own groups, "My Contacts" and "Starred". */
const ASSIGNABLE_SYSTEM_GROUPS = ['contactGroups/myContacts', 'contactGroups/starred'];

/** The caller's contact groups, and a function naming one by its resource name. */
export function useContactGroups(): {
  groups: GroupOption[];
  groupName: (resourceName: string) => string;
} {
  const { data } = useQuery(ContactGroupsDocument);
  const all = data?.contactGroups.contactGroups ?? [];
  const label = (g: (typeof all)[number]) => g.formattedName ?? g.name ?? g.resourceName;
  const groups = all
    .filter(
      (g) =>
        g.groupType === 'USER_CONTACT_GROUP' || ASSIGNABLE_SYSTEM_GROUPS.includes(g.resourceName),
    )
    .map((g) => ({ resourceName: g.resourceName, label: label(g) }));
  const groupName = (resourceName: string) => {
    const group = all.find((g) => g.resourceName === resourceName);
    return group === undefined ? resourceName : label(group);
  };
  return { groups, groupName };
}

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
