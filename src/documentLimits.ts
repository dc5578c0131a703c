/**
 * Checks on an operation's text made before graphql-js parses it. Its recursive-descent parser
 * runs out of stack on a few thousand nested brackets, which the token limit still admits, and
 * the overflow would reach the client as a confusing parse error.
 */
import { GraphQLError, OperationTypeNode, type ASTVisitor, type ValidationContext } from 'graphql';

/** Brackets (`{`, `(`, `[`) nest at most this deep: far beyond any real operation's needs. */
export const MAX_BRACKET_NESTING = 100;

/**
 * Whether `source` nests brackets deeper than `max`, outside strings, block strings and
 * comments. Linear, allocation-free.
 */
export function nestsDeeperThan(source: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (c === '"') {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        i = end < 0 ? source.length : end + 2;
      } else {
        for (i += 1; i < source.length && source[i] !== '"' && source[i] !== '\n'; i += 1) {
          if (source[i] === '\\') i += 1;
        }
      }
    } else if (c === '{' || c === '(' || c === '[') {
      depth += 1;
      if (depth > max) return true;
    } else if (c === '}' || c === ')' || c === ']') {
      depth -= 1;
    }
  }
  return false;
}

/** The schema has no Subscription type: say so at validation (a 400), not at execution. */
export function NoSubscriptionsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (
        node.operation === OperationTypeNode.SUBSCRIPTION &&
        !context.getSchema().getSubscriptionType()
      ) {
        context.reportError(
          new GraphQLError('This gateway has no subscriptions: send a query or a mutation.', {
            nodes: node,
          }),
        );
      }
    },
  };
}
