import { SegmentedControl } from '@mantine/core';
import { useLanguage } from './language.js';
import type { Language } from './messages.js';

/** The compact VI / EN switch of the header, the login screen and the first-run wizard. */
export function LanguageSwitch() {
  const { lang, setLang } = useLanguage();
  return (
    <SegmentedControl
      size="xs"
      value={lang}
      onChange={(value) => setLang(value as Language)}
      data={[
        { value: 'vi', label: 'VI' },
        { value: 'en', label: 'EN' },
      ]}
      aria-label="Ngôn ngữ / Language"
      data-testid="language-toggle"
    />
  );
}
