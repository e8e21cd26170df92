/**
 * Every eslint-disable comment says why: `// eslint-disable-next-line rule -- reason`.
 * (@ts-expect-error descriptions are required by @typescript-eslint/ban-ts-comment.)
 * @type {import('eslint').Rule.RuleModule}
 */
export const disableNeedsReason = {
  meta: {
    type: 'suggestion',
    docs: { description: 'eslint-disable directives must carry a `-- reason`.' },
    schema: [],
    messages: { missing: 'Say why this rule is disabled: add `-- reason` after the rule name.' },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const text = comment.value.trim();
          if (!/^eslint-disable(-next-line|-line)?\b/u.test(text)) continue;
          const reason = text.split(/\s--\s/u)[1];
          if (!reason || reason.trim().length < 3) context.report({ loc: comment.loc, messageId: 'missing' });
        }
      },
    };
  },
};
