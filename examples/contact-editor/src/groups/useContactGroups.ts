/** The caller's contact groups, read once per page and shared through the Apollo cache. */
import { useQuery } from '@apollo/client/react';
import { ContactGroupsDocument, type GroupDetailsFragment } from '../gql/graphql';

export type Group = GroupDetailsFragment;

/** Groups a contact can be put in: the user's own groups, "My Contacts" and "Starred". */
const ASSIGNABLE_SYSTEM_GROUPS = ['contactGroups/myContacts', 'contactGroups/starred'];

export interface GroupOption {
  resourceName: string;
  label: string;
}

export const groupLabel = (group: Group): string =>
  group.formattedName ?? group.name ?? group.resourceName;

export const isAssignable = (group: Group): boolean =>
  group.groupType === 'USER_CONTACT_GROUP' || ASSIGNABLE_SYSTEM_GROUPS.includes(group.resourceName);

export interface ContactGroups {
  /** Every group, system and user, as read. */
  all: Group[];
  /** The groups a contact can be added to. */
  groups: GroupOption[];
  /** A group's name by its resource name (the resource name when unknown). */
  groupName: (resourceName: string) => string;
  loading: boolean;
}

export function useContactGroups(): ContactGroups {
  const { data, loading } = useQuery(ContactGroupsDocument);
  const all = data?.contactGroups.contactGroups ?? [];
  const groups = all
    .filter(isAssignable)
    .map((g) => ({ resourceName: g.resourceName, label: groupLabel(g) }));
  const groupName = (resourceName: string) => {
    const group = all.find((g) => g.resourceName === resourceName);
    return group === undefined ? resourceName : groupLabel(group);
  };
  return { all, groups, groupName, loading };
}
