import { Alert, Badge, Button, Card, Code, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlayerPlay, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../../../shared/api/errors.js';
import type { ProvinceServerView } from '../../../../shared/api/methods/province.js';
import { useCommand, useSession } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { provinceMessages as m } from './messages.js';

/** Open or close the hub on the LAN, with the address offices type. */
export function ServerTab({ server, onChange }: { server: ProvinceServerView; onChange(): void }) {
  const t = useT(m);
  const { session } = useSession();
  const set = useCommand('province.server');
  const [host, setHost] = useState<string>(server.host);
  const [port, setPort] = useState<number | string>(server.port);
  const [error, setError] = useState<string | null>(server.error);
  const isAdmin = session?.user.role === 'admin';

  const apply = async (listen: boolean) => {
    setError(null);
    try {
      const r = await set.run({ listen, host, port: typeof port === 'number' ? port : Number.NaN });
      notifications.show({ color: 'teal', message: r.running ? t('started', { url: r.urls[0] ?? '' }) : t('stoppedNote') });
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      onChange();
    }
  };

  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={4}>{t('serverTitle')}</Title>
          <Badge size="lg" color={server.running ? 'teal' : 'gray'} data-testid="province-server-state">
            {server.running ? t('running') : t('stopped')}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('serverHint')}
        </Text>
        {server.running && (
          <Alert color="teal" variant="light" title={t('addressTitle')}>
            <Stack gap={4}>
              {server.urls.map((u) => (
                <Code key={u} fz="lg" data-testid="province-server-url">
                  {u}
                </Code>
              ))}
              <Text size="sm">{t('addressHint', { port: server.port })}</Text>
            </Stack>
          </Alert>
        )}
        <Group align="flex-end">
          <Select
            label={t('host')}
            data={[
              { value: '0.0.0.0', label: t('hostAll') },
              { value: '127.0.0.1', label: t('hostLocal') },
            ]}
            value={host}
            onChange={(v) => setHost(v ?? '0.0.0.0')}
            allowDeselect={false}
            w={320}
            disabled={!isAdmin}
            data-testid="province-server-host"
          />
          <NumberInput label={t('port')} min={1024} max={65535} value={port} onChange={setPort} w={140} disabled={!isAdmin} data-testid="province-server-port" />
          {server.running ? (
            <>
              <Button variant="light" leftSection={<IconRefresh size={18} />} onClick={() => void apply(true)} loading={set.running} disabled={!isAdmin}>
                {t('restart')}
              </Button>
              <Button color="red" variant="light" leftSection={<IconPlayerStop size={18} />} onClick={() => void apply(false)} loading={set.running} disabled={!isAdmin} data-testid="province-server-stop">
                {t('stop')}
              </Button>
            </>
          ) : (
            <Button leftSection={<IconPlayerPlay size={18} />} onClick={() => void apply(true)} loading={set.running} disabled={!isAdmin} data-testid="province-server-start">
              {t('start')}
            </Button>
          )}
        </Group>
        {error && (
          <Alert color="red" icon={<IconAlertTriangle />} data-testid="province-server-error">
            {error}
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          {t('remembered')}
        </Text>
      </Stack>
    </Card>
  );
}
