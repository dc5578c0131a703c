import { DateTimeResolver, URLResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers-types.js';
import { EtagConflict } from './EtagConflict.js';
import { PersonField, UpdatablePersonField } from './enums.js';
import { updateContact } from './Mutation/updateContact.js';
import { Person } from './Person.js';
import { people } from './Query/people.js';
import { person } from './Query/person.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  URL: URLResolver,
  Query: { person, people },
  Mutation: { updateContact },
  Person,
  EtagConflict,
  UpdatablePersonField,
  PersonField,
  // Union members carry a compulsory __typename (codegen resolversNonOptionalTypename).
  UpdateContactResult: { __resolveType: (result) => result.__typename },
  MutationError: { __resolveType: (error) => error.__typename },
};
