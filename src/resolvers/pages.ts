import type {
  ContactGroupPageResolvers,
  ContactGroupResolvers,
  ContactPageResolvers,
} from '../generated/resolvers-types.js';

// REST omits empty lists, zero counts and absent tokens; the schema states them.
export const ContactPage: ContactPageResolvers = {
  persons: (page) => page.connections ?? [],
  nextPageToken: (page) => page.nextPageToken ?? null,
  totalItems: (page) => page.totalItems ?? 0,
};

export const ContactGroupPage: ContactGroupPageResolvers = {
  contactGroups: (page) => page.contactGroups ?? [],
  nextPageToken: (page) => page.nextPageToken ?? null,
  totalItems: (page) => page.totalItems ?? 0,
};

export const ContactGroup: ContactGroupResolvers = {
  resourceName: (group) => group.resourceName ?? '',
  memberCount: (group) => group.memberCount ?? 0,
  updateTime: (group) => group.metadata?.updateTime ?? null,
};
