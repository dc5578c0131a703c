/**
 * Checks on an operation's text made before graphql-js parses it. Its recursive-descent parser
 * runs out of stack on a few thousand nested brackets, which the token limit still admits, and
 * the overflow would reach the client as a confusing parse error.
 */
import {
  GraphQLError,
  Lexer,
  OperationTypeNode,
  Source,
  TokenKind,
  type ASTVisitor,
  type ValidationContext,
} from 'graphql';

/** Brackets (`{`, `(`, `[`) nest at most this deep: far beyond any real operation's needs. */
export const MAX_BRACKET_NESTING = 100;

/** How many of `chars` occur in `text`: an upper bound of any nesting depth, found natively. */
export function countOf(text: string, chars: readonly string[]): number {
  let count = 0;
  for (const char of chars) {
    for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) count += 1;
  }
  return count;
}

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.PAREN_L, TokenKind.BRACKET_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.PAREN_R, TokenKind.BRACKET_R]);

/**
 * Whether `source` nests brackets deeper than `max`, read by graphql-js's own lexer, so strings,
 * block strings, escapes and comments count exactly as the parser will see them. The lexer is
 * iterative (it cannot overflow); it stops after `maxTokens`, where the parser would stop too. A
 * text with no more than `max` opening brackets in all cannot nest deeper: no lexing at all.
 */
export function nestsDeeperThan(source: string, max: number, maxTokens = Infinity): boolean {
  if (countOf(source, ['{', '(', '[']) <= max) return false;
  const lexer = new Lexer(new Source(source));
  let depth = 0;
  try {
    for (let n = 0; n < maxTokens; n += 1) {
      const { kind } = lexer.advance();
      if (kind === TokenKind.EOF) return false;
      if (OPENING.has(kind)) {
        depth += 1;
        if (depth > max) return true;
      } else if (CLOSING.has(kind)) {
        depth -= 1;
      }
    }
  } catch {
    // A syntax error: the parser stops there too, having nested no deeper than counted so far.
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
