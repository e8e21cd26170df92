import type { z } from 'zod';

/**
 * Checks values with the same shared zod schema the server uses, before a
 * wizard step moves on; returns field errors keyed like the API's issue paths
 * (prefix + dotted path), or null when valid.
 */
export function validate(schema: z.ZodType, values: unknown, prefix = ''): Record<string, string> | null {
  const result = schema.safeParse(values);
  if (result.success) return null;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = prefix + issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = issue.message;
  }
  return errors;
}
