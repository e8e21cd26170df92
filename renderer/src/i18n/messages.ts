/**
 * A tiny typed dictionary system. Each feature folder defines its own
 * messages next to its screens:
 *
 *   export const m = defineMessages({
 *     vi: { title: 'Cán bộ', count: '{n} người' },
 *     en: { title: 'People', count: '{n} people' },
 *   });
 *   const t = useT(m);  t('count', { n: 3 })
 *
 * The English map must have exactly the Vietnamese keys (checked by tsc).
 */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Messages<K extends string> {
  vi: Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<K extends string>(messages: { vi: Record<K, string>; en: Record<NoInfer<K>, string> }): Messages<K> {
  return messages;
}

export type Params = Record<string, string | number>;

/** Replaces `{name}` placeholders; an unknown placeholder is left visible so it gets noticed. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate<K extends string>(messages: Messages<K>, lang: Language, key: K, params?: Params): string {
  return format(messages[lang][key], params);
}

/** Labels kept as `{ vi, en }` pairs in shared/ (levels, roles, categories). */
export function pick(label: { vi: string; en: string }, lang: Language): string {
  return label[lang];
}
