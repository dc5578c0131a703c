/** The `updateContact` variables of a save: the touched fields, and what was read in them. */
import type { UpdatablePersonField, UpdateContactInput } from '../gql/graphql';
import type { Person } from '../person';
import { MASK_OF, type EditableField, type PersonForm } from './form';
import {
  addressInputs,
  biographyInput,
  birthdayInput,
  emailInputs,
  membershipInputs,
  nameInput,
  phoneInputs,
  type FieldProblems,
} from './inputs';
import { previousOf } from './previous';

export interface UpdateRequest {
  input: UpdateContactInput;
  mask: UpdatablePersonField[];
}

/**
 * The `updateContact` variables for the touched fields only: each is sent whole (REST replace
 * semantics), and a touched field left empty is sent as `[]`, which clears it. `previous` holds
 * what `read` had in those fields, so a save over an edit made elsewhere to other fields is
 * merged by the gateway instead of refused. Or the problems found in the form before any request.
 */
export function toUpdateRequest(
  read: { person: Person; etag: string; initial: PersonForm },
  form: PersonForm,
  fields: readonly EditableField[],
): UpdateRequest | { problems: FieldProblems } {
  const { person, etag, initial } = read;
  const input: UpdateContactInput = { resourceName: person.resourceName, etag };
  const problems: FieldProblems = {};
  for (const field of fields) {
    switch (field) {
      case 'names':
        input.names = nameInput(form.names);
        break;
      case 'emailAddresses':
        input.emailAddresses = emailInputs(form.emailAddresses);
        break;
      case 'phoneNumbers':
        input.phoneNumbers = phoneInputs(form.phoneNumbers);
        break;
      case 'addresses':
        input.addresses = addressInputs(form.addresses, initial.addresses);
        break;
      case 'birthdays': {
        const birthdays = birthdayInput(form.birthdays);
        if (typeof birthdays === 'string') problems.birthdays = birthdays;
        else input.birthdays = birthdays;
        break;
      }
      case 'biographies':
        input.biographies = biographyInput(form.biographies);
        break;
      case 'memberships':
        input.memberships = membershipInputs(form.memberships);
        break;
    }
  }
  if (Object.keys(problems).length > 0) return { problems };
  input.previous = previousOf(person, fields);
  return { input, mask: fields.map((field) => MASK_OF[field]) };
}
