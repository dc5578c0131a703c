import {
  Kind,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { personFieldsFromFieldNodes, toPersonFieldsMask } from '../../src/mappers/selection.js';

/** The root field nodes and fragments of a document, as a resolver's info would hold them. */
function rootOf(source: string) {
  const doc = parse(source);
  const operation = doc.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = Object.fromEntries(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const fields = (operation?.selectionSet.selections ?? []).filter(
    (s): s is FieldNode => s.kind === Kind.FIELD,
  );
  return { fields, fragments };
}

describe('personFieldsFromFieldNodes', () => {
  it('collects Person fields through fragments and inline fragments, sorted, without resourceName/etag', () => {
    const { fields, fragments } = rootOf(`
      query { person(resourceName: "people/c1") { resourceName etag ...F ... on Person { phoneNumbers { value } } names { givenName } } }
      fragment F on Person { emailAddresses { value } names { familyName } }`);
    expect(personFieldsFromFieldNodes(fields, fragments, {})).toEqual([
      'emailAddresses',
      'names',
      'phoneNumbers',
    ]);
  });

  it('follows a path into a union member and honours @skip and @include', () => {
    const { fields, fragments } = rootOf(`
      mutation ($withPhones: Boolean!) {
        updateContact(input: {resourceName: "people/c1", etag: "x"}, mask: [NAMES]) {
          ... on UpdateContactSuccess { person { names { givenName } phoneNumbers @include(if: $withPhones) { value } birthdays @skip(if: true) { text } } }
          ... on EtagConflict { current { urls { value } } }
        }
      }`);
    expect(
      personFieldsFromFieldNodes(fields, fragments, { withPhones: false }, ['person']),
    ).toEqual(['names']);
    expect(personFieldsFromFieldNodes(fields, fragments, { withPhones: true }, ['person'])).toEqual(
      ['names', 'phoneNumbers'],
    );
  });

  it('maps an aliased field by its name and ignores deprecated fields outside personFields', () => {
    const { fields, fragments } = rootOf(
      `{ person(resourceName: "people/c1") { n: names { givenName } taglines { value } fileAses { value } } }`,
    );
    expect(personFieldsFromFieldNodes(fields, fragments, {})).toEqual(['names']);
  });
});

describe('toPersonFieldsMask', () => {
  it('joins the fields, and asks for metadata when only resourceName/etag were selected', () => {
    expect(toPersonFieldsMask(['emailAddresses', 'names'] as never)).toBe('emailAddresses,names');
    expect(toPersonFieldsMask([])).toBe('metadata');
  });
});
