import { Alert, Button, Group, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useT } from '../i18n/language.js';
import { defineMessages } from '../i18n/messages.js';
import type { DraftState } from './useDraft.js';
import { formatDraftTime } from './time.js';

const m = defineMessages({
  vi: { offer: 'Có bản nháp chưa lưu lúc {time}.', restore: 'Khôi phục', discard: 'Bỏ' },
  en: { offer: 'There is an unsaved draft from {time}.', restore: 'Restore', discard: 'Discard' },
});

/** "Có bản nháp chưa lưu lúc 10:42 — Khôi phục / Bỏ", shown at the top of a form that has a draft. */
export function DraftBanner<T>({ draft, onRestore }: { draft: DraftState<T>; onRestore(data: Partial<T>): void }) {
  const t = useT(m);
  if (!draft.offer) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconHistory />} data-testid="draft-offer">
      <Group justify="space-between" gap="sm">
        <Text size="sm" fw={500}>
          {t('offer', { time: formatDraftTime(draft.offer.savedAt, new Date()) })}
        </Text>
        <Group gap="xs">
          <Button
            size="xs"
            color="yellow.8"
            onClick={() => {
              const data = draft.restore();
              if (data) onRestore(data);
            }}
            data-testid="draft-restore"
          >
            {t('restore')}
          </Button>
          <Button size="xs" variant="default" onClick={() => void draft.discard()} data-testid="draft-discard">
            {t('discard')}
          </Button>
        </Group>
      </Group>
    </Alert>
  );
}
