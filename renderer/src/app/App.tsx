import { Alert, Button, Center, Group, Loader, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useApi, useQuery, useSession } from '../api/hooks.js';
import { useT } from '../i18n/language.js';
import { defineMessages } from '../i18n/messages.js';
import { LoginScreen } from '../features/login/LoginScreen.js';
import { SetupWizard } from '../features/setup/SetupWizard.js';
import { Shell } from './Shell.js';
import { navigate } from './router.js';
import { useReloadNotice } from './reload-notice.js';

const m = defineMessages({
  vi: {
    loading: 'Đang mở kho dữ liệu…',
    failed: 'Không mở được phần mềm',
    retry: 'Thử lại',
    recoveryTitle: 'Phần mềm đã tự phục hồi dữ liệu',
    understood: 'Đã hiểu',
  },
  en: {
    loading: 'Opening the data store…',
    failed: 'The application could not start',
    retry: 'Try again',
    recoveryTitle: 'The application recovered its data',
    understood: 'OK',
  },
});

const RECOVERY_SEEN_KEY = 'thidua.recoveryNoticeSeen';

/** Start: not configured → first-run wizard; no session → login; otherwise the app shell. */
export function App({ storage }: { storage: Storage }) {
  const t = useT(m);
  const api = useApi();
  const { session, setSession } = useSession();
  const status = useQuery('system.status', {}, { tables: ['units', 'users'] });
  useReloadNotice(window.sessionStorage);
  const [seenNotice, setSeenNotice] = useState(() => storage.getItem(RECOVERY_SEEN_KEY));
  // Once the wizard has started it stays up until its last step, even though setup makes the store "configured".
  const [wizard, setWizard] = useState<'not-needed' | 'open' | 'done'>('not-needed');
  if (status.data && !status.data.configured && wizard === 'not-needed') setWizard('open');

  if (!status.data) {
    return (
      <Center h="100vh">
        {status.error ? (
          <Paper withBorder p="xl" radius="lg" maw={480}>
            <Stack>
              <Title order={3}>{t('failed')}</Title>
              <Text>{status.error instanceof Error ? status.error.message : String(status.error)}</Text>
              <Button onClick={status.reload}>{t('retry')}</Button>
            </Stack>
          </Paper>
        ) : (
          <Stack align="center">
            <Loader />
            <Text c="dimmed">{t('loading')}</Text>
          </Stack>
        )}
      </Center>
    );
  }

  const notice = status.data.recoveryNotice;
  const dismissNotice = () => {
    storage.setItem(RECOVERY_SEEN_KEY, notice ?? '');
    setSeenNotice(notice);
  };
  const noticeModal = (
    <Modal opened={!!notice && seenNotice !== notice} onClose={dismissNotice} title={<Text fw={700}>{t('recoveryTitle')}</Text>} centered size="lg">
      <Stack>
        <Alert color="orange" icon={<IconAlertTriangle />} data-testid="recovery-notice">
          {notice}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={dismissNotice}>{t('understood')}</Button>
        </Group>
      </Stack>
    </Modal>
  );

  let screen;
  if (wizard === 'open') {
    screen = (
      <SetupWizard
        onDone={(s) => {
          setSession(s);
          setWizard('done');
          navigate('/');
          status.reload();
        }}
      />
    );
  } else if (!session) {
    screen = <LoginScreen office={status.data.office} onDone={(s) => { setSession(s); }} />;
  } else {
    screen = (
      <Shell
        session={session}
        office={status.data.office}
        onLogout={() => {
          void api.call('auth.logout', {}).catch(() => undefined);
          setSession(null);
          navigate('/');
        }}
      />
    );
  }
  return (
    <>
      {noticeModal}
      {screen}
    </>
  );
}
