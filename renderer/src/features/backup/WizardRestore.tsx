import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { useT } from '../../i18n/language.js';
import { backupMessages as m } from './messages.js';
import { RestoreFlow } from './RestoreFlow.js';

/** The first-run wizard's way in for a new PC: restore the office from a backup file instead of setting it up. */
export function WizardRestore() {
  const t = useT(m);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Alert color="blue" variant="light" icon={<IconRestore />}>
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Text size="sm">{t('wizardRestoreHint')}</Text>
          <Button variant="default" size="md" onClick={() => setOpened(true)} data-testid="setup-restore" style={{ flexShrink: 0 }}>
            {t('wizardRestore')}
          </Button>
        </Group>
      </Alert>
      <Modal opened={opened} onClose={() => setOpened(false)} title={<Text fw={700}>{t('wizardRestore')}</Text>} size="xl" centered>
        <RestoreFlow />
      </Modal>
    </>
  );
}
