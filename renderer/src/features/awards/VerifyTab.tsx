import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { VerifyResult } from '../../../../shared/awards/verification.js';
import { showApiError } from '../../api/errors.js';
import { useApi } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { awardsMessages as m } from './messages.js';

/** Checks a scanned QR (a USB scanner types it into the box) or the short code typed from the paper, offline. */
export function VerifyTab() {
  const t = useT(m);
  const api = useApi();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<VerifyResult | null>(null);
  const check = async () => {
    try {
      setResult(await api.call('awards.verify', { code }));
    } catch (e) {
      showApiError(e);
    }
  };
  return (
    <Stack maw={720}>
      <Group align="flex-end">
        <TextInput label={t('verifyCode')} value={code} onChange={(e) => setCode(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && void check()} style={{ flex: 1 }} data-testid="verify-code" />
        <Button onClick={() => void check()} data-testid="verify-go">
          {t('verify')}
        </Button>
      </Group>
      {result ? (
        <Alert color={result.status === 'valid' ? 'teal' : 'red'} title={result.status === 'valid' ? t('valid') : t('invalid')} data-testid="verify-result">
          <Text>{result.message}</Text>
          {result.award ? <Text size="sm" c="dimmed">{result.award.issuer}</Text> : null}
        </Alert>
      ) : null}
    </Stack>
  );
}
