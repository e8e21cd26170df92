import { useEffect } from 'react';
import { Badge, Group, Loader, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCloudCheck, IconCloudOff, IconCloudQuestion } from '@tabler/icons-react';
import { useQuery } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { formatWhen, progressPercent } from './format.js';
import { m } from './messages.js';

/**
 * The sync state in the header of every screen: link up or down, last
 * successful sync, items waiting, errors. Nothing when this PC is not
 * enrolled with a hub. A click opens the Đồng bộ screen.
 */
export function SyncIndicator() {
  const t = useT(m);
  const status = useQuery('sync.status', {});
  const running = status.data?.running === true;
  useEffect(() => {
    const id = setInterval(() => status.reload(), running ? 2000 : 5000);
    return () => clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload is stable
  }, [running]);

  const s = status.data;
  if (!s?.enrolled) return null;
  const waiting = s.waitingEntries + s.waitingAttachments - s.deferredAttachments;
  const errors = s.itemErrors.length + (s.lastError ? 1 : 0);
  const color = s.linkUp === true ? 'green' : s.linkUp === false ? 'red' : 'gray';
  const Icon = s.linkUp === true ? IconCloudCheck : s.linkUp === false ? IconCloudOff : IconCloudQuestion;
  const linkText = s.linkUp === true ? t('indicatorUp') : s.linkUp === false ? t('indicatorDown') : t('linkUnknown');
  const main = running
    ? `${t('indicatorRunning')}${s.progress ? ` ${Math.round(progressPercent(s.progress))}%` : ''}`
    : s.lastSuccessAt
      ? t('indicatorLast', { when: formatWhen(s.lastSuccessAt, new Date(), true) })
      : t('indicatorNever');
  const tooltip = [linkText, `${t('lastSuccess')}: ${s.lastSuccessAt ? formatWhen(s.lastSuccessAt) : t('never')}`, s.lastError?.message ?? null, t('indicatorTitle')].filter(Boolean).join('\n');

  return (
    <Tooltip label={tooltip} multiline w={320} style={{ whiteSpace: 'pre-line' }}>
      <UnstyledButton
        component="a"
        href="#/sync"
        aria-label={tooltip}
        data-testid="sync-indicator"
        data-link={s.linkUp === null ? 'unknown' : s.linkUp ? 'up' : 'down'}
        px="xs"
        py={4}
        style={{ borderRadius: 8, border: `1px solid var(--mantine-color-${color}-4)` }}
      >
        <Group gap={6} wrap="nowrap">
          {running ? <Loader size={16} color={color} /> : <Icon size={20} stroke={1.6} color={`var(--mantine-color-${color}-7)`} />}
          <Text size="sm" fw={500} data-testid="sync-indicator-text" style={{ whiteSpace: 'nowrap' }}>
            {main}
          </Text>
          {waiting > 0 && (
            <Badge size="sm" variant="light" color="blue" data-testid="sync-indicator-waiting">
              {t('indicatorWaiting', { n: waiting })}
            </Badge>
          )}
          {errors > 0 && (
            <Badge size="sm" variant="filled" color="orange" data-testid="sync-indicator-errors">
              {t('indicatorErrors', { n: errors })}
            </Badge>
          )}
        </Group>
      </UnstyledButton>
    </Tooltip>
  );
}
