import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core';
import { AUTHORITY_KIND_LABELS } from '../../../../shared/awards/authority.js';
import type { DecisionAuthority } from '../../../../shared/api/methods/authority.js';
import { pick } from '../../i18n/messages.js';
import { useLanguage, useT } from '../../i18n/language.js';
import { authorityMessages as m } from './authority-messages.js';

/**
 * The authority check of a draft, as issuing will run it: errors (issuing is
 * refused), warnings (rows not certain, a person whose unit ended), and for
 * awards decided above the office the guidance to prepare a dossier instead.
 */
export function AuthorityPanel({ check }: { check: DecisionAuthority }) {
  const t = useT(m);
  const { lang } = useLanguage();
  const errors = check.findings.filter((f) => f.severity === 'error');
  const warnings = check.findings.filter((f) => f.severity === 'warning');
  const dossier = [...new Set(errors.map((f) => f.dossierTo).filter((w): w is string => Boolean(w)))];
  return (
    <Stack gap="xs" data-testid="authority-panel">
      <Group gap="xs">
        <Text fw={600}>{t('checkTitle')}</Text>
        {check.authorityKind ? <Badge variant="light">{pick(AUTHORITY_KIND_LABELS[check.authorityKind], lang)}</Badge> : null}
      </Group>
      {errors.length === 0 ? (
        <Alert color="teal" data-testid="authority-ok">
          {t('checkOk')}
        </Alert>
      ) : (
        <Alert color="red" title={t('checkErrors', { n: errors.length })} data-testid="authority-errors">
          <List size="sm" spacing={4}>
            {errors.map((f, i) => (
              <List.Item key={i}>
                {f.message} <Badge size="xs" color="red" variant="outline">{f.ruleId}</Badge>{' '}
                <Text span size="xs" c="dimmed">
                  {f.source}
                </Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {dossier.map((who) => (
        <Alert key={who} color="grape" title={t('dossierTitle')} data-testid="authority-dossier">
          {t('dossierText', { who })}
        </Alert>
      ))}
      {warnings.length > 0 ? (
        <Alert color="orange" title={t('checkWarnings')} data-testid="authority-warnings">
          <List size="sm" spacing={4}>
            {warnings.map((f, i) => (
              <List.Item key={i}>
                {f.message} <Badge size="xs" color="orange" variant="outline">{f.ruleId}</Badge>
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}
