import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { isPersonField, type PersonField } from '../people/fields.js';

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;
type Variables = Readonly<Record<string, unknown>>;

function isIncluded(node: SelectionNode, vars: Variables): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, vars);
  if (skip?.['if'] === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, vars);
  return include?.['if'] !== false;
}

/** Every field of a selection set, with fragments flattened and `@skip`/`@include` applied. */
function collectFields(
  selectionSet: SelectionSetNode | undefined,
  fragments: Fragments,
  vars: Variables,
  out: FieldNode[],
): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (!isIncluded(selection, vars)) continue;
    if (selection.kind === Kind.FIELD) {
      out.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(selection.selectionSet, fragments, vars, out);
    } else {
      collectFields(fragments[selection.name.value]?.selectionSet, fragments, vars, out);
    }
  }
  return out;
}

/** The field nodes reached from `fieldNodes` by following `path` (field names). */
function fieldsAt(
  fieldNodes: readonly FieldNode[],
  fragments: Fragments,
  vars: Variables,
  path: readonly string[],
): FieldNode[] {
  let level: FieldNode[] = [...fieldNodes];
  for (const name of path) {
    level = level.flatMap((node) =>
      collectFields(node.selectionSet, fragments, vars, []).filter((f) => f.name.value === name),
    );
  }
  return level;
}

/**
 * The REST `personFields` an operation needs: the Person fields selected under `fieldNodes`,
 * after following `path` (field names, e.g. `['person']` from a mutation result). Fields that
 * every answer carries (`resourceName`, `etag`) and deprecated ones map to nothing. Sorted, so
 * that equal selections give equal loader keys.
 */
export function personFieldsFromFieldNodes(
  fieldNodes: readonly FieldNode[],
  fragments: Fragments,
  vars: Variables,
  path: readonly string[] = [],
): PersonField[] {
  const names = new Set<PersonField>();
  for (const node of fieldsAt(fieldNodes, fragments, vars, path)) {
    for (const field of collectFields(node.selectionSet, fragments, vars, [])) {
      if (isPersonField(field.name.value)) names.add(field.name.value);
    }
  }
  return [...names].sort();
}

/** `personFieldsFromFieldNodes` for the field a resolver is running. */
export function personFieldsFromSelection(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>,
  path: readonly string[] = [],
): PersonField[] {
  return personFieldsFromFieldNodes(info.fieldNodes, info.fragments, info.variableValues, path);
}

/**
 * The `personFields` query value for a read. `people.get`/`getBatchGet` refuse an empty mask, so a
 * selection of only `resourceName`/`etag` asks for `metadata`, the smallest useful field.
 */
export function toPersonFieldsMask(fields: readonly PersonField[]): string {
  return fields.length > 0 ? fields.join(',') : 'metadata';
}

/** Whether the selection reaches `path` at all (e.g. a mutation result's `person`). */
export function selectsField(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>,
  path: readonly string[],
): boolean {
  return fieldsAt(info.fieldNodes, info.fragments, info.variableValues, path).length > 0;
}

/**
 * `personFields` for a photo mutation: null when the selection never reaches `path` (then no
 * `personFields` is sent and Google skips its post-mutate read).
 */
export function personFieldsIfSelected(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>,
  path: readonly string[],
): string | null {
  return selectsField(info, path)
    ? toPersonFieldsMask(personFieldsFromSelection(info, path))
    : null;
}
