import { DateTimeResolver, URLResolver } from '../scalars.js';
import type { GatewayContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { ByteScalar } from '../mappers/photo.js';
import { PersonField, UpdatablePersonField } from '../people/fields.js';
import { EtagConflict } from './EtagConflict.js';
import { GroupEtagConflict } from './GroupEtagConflict.js';
import { createContact } from './Mutation/createContact.js';
import { createContacts } from './Mutation/createContacts.js';
import { deleteContact } from './Mutation/deleteContact.js';
import { deleteContacts } from './Mutation/deleteContacts.js';
import { updateContacts } from './Mutation/updateContacts.js';
import { createContactGroup } from './Mutation/createContactGroup.js';
import { deleteContactGroup } from './Mutation/deleteContactGroup.js';
import { modifyContactGroupMembers } from './Mutation/modifyContactGroupMembers.js';
import { updateContactGroup } from './Mutation/updateContactGroup.js';
import { deleteContactPhoto } from './Mutation/deleteContactPhoto.js';
import { updateContact } from './Mutation/updateContact.js';
import { updateContactPhoto } from './Mutation/updateContactPhoto.js';
import { ContactGroup, ContactGroupPage, ContactPage } from './pages.js';
import { Person } from './Person.js';
import { contactGroups } from './Query/contactGroups.js';
import { contacts } from './Query/contacts.js';
import { people } from './Query/people.js';
import { person } from './Query/person.js';
import { searchContacts } from './Query/searchContacts.js';

/** A union result's member, counted for /metrics as it is resolved. */
function countedTypename<T extends string>(result: { __typename: T }, ctx: GatewayContext): T {
  ctx.metrics?.countResult(result.__typename);
  return result.__typename;
}

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  URL: URLResolver,
  Byte: ByteScalar,
  Query: {
    person,
    people,
    contacts,
    contactGroups,
    searchContacts,
  },
  Mutation: {
    updateContact,
    updateContactPhoto,
    deleteContactPhoto,
    createContact,
    deleteContact,
    updateContacts,
    createContacts,
    deleteContacts,
    createContactGroup,
    updateContactGroup,
    deleteContactGroup,
    modifyContactGroupMembers,
  },
  Person,
  EtagConflict,
  GroupEtagConflict,
  ContactPage,
  ContactGroupPage,
  ContactGroup,
  // GraphQL enum value → REST path: the string enums' own members (src/people/fields.ts).
  UpdatablePersonField,
  PersonField,
  // Union members carry a compulsory __typename (codegen resolversNonOptionalTypename).
  UpdateContactResult: { __resolveType: countedTypename },
  UpdateContactPhotoResult: { __resolveType: countedTypename },
  DeleteContactPhotoResult: { __resolveType: countedTypename },
  CreateContactResult: { __resolveType: countedTypename },
  DeleteContactResult: { __resolveType: countedTypename },
  DeleteContactsResult: { __resolveType: countedTypename },
  ContactGroupResult: { __resolveType: countedTypename },
  DeleteContactGroupResult: { __resolveType: countedTypename },
  ModifyContactGroupMembersResult: { __resolveType: countedTypename },
  MutationError: { __resolveType: (error) => error.__typename },
};
