import { Badge, Button, Card, Checkbox, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBan } from '@tabler/icons-react';
import { useState } from 'react';
import type { ProvinceDeviceView } from '../../../../shared/api/methods/province.js';
import { showApiError } from '../../api/errors.js';
import { useCommand, useQuery } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { formatDateTime } from '../../app/format.js';
import { provinceMessages as m } from './messages.js';

/** Enrolled devices: office, device, enrolment, last sync, rows held; revoke with a reason and a confirmation. */
export function DevicesTab() {
  const t = useT(m);
  const devices = useQuery('province.devices.list', {}, { tables: ['province'] });
  const revoke = useCommand('province.devices.revoke');
  const [target, setTarget] = useState<ProvinceDeviceView | null>(null);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const open = (d: ProvinceDeviceView) => {
    setTarget(d);
    setReason('');
    setConfirmed(false);
    setErrors({});
  };

  const run = async () => {
    if (!target) return;
    try {
      // The API refuses an unconfirmed revoke; the checkbox only enables the button.
      await revoke.run({ deviceId: target.id, reason, confirm: true });
      notifications.show({ color: 'teal', message: t('revoked', { unit: target.unitName }) });
      setTarget(null);
      devices.reload();
    } catch (error) {
      showApiError(error, { setErrors: (e) => setErrors(e) });
    }
  };

  const list = devices.data ?? [];
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Title order={4}>{t('devicesTitle')}</Title>
        {devices.data && list.length === 0 ? (
          <Text c="dimmed">{t('devicesEmpty')}</Text>
        ) : (
          <Table striped highlightOnHover data-testid="province-devices">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('colUnit')}</Table.Th>
                <Table.Th>{t('colDevice')}</Table.Th>
                <Table.Th>{t('colEnrolled')}</Table.Th>
                <Table.Th>{t('colLastSeen')}</Table.Th>
                <Table.Th ta="right">{t('colRows')}</Table.Th>
                <Table.Th>{t('colState')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((d) => (
                <Table.Tr key={d.id} data-testid="province-device-row">
                  <Table.Td fw={500}>{d.unitName}</Table.Td>
                  <Table.Td>{d.deviceName}</Table.Td>
                  <Table.Td>{formatDateTime(d.enrolledAt)}</Table.Td>
                  <Table.Td>{d.lastSeenAt ? formatDateTime(d.lastSeenAt) : t('never')}</Table.Td>
                  <Table.Td ta="right">{d.rowsHeld.toLocaleString('vi-VN')}</Table.Td>
                  <Table.Td>
                    {d.revokedAt ? (
                      <Stack gap={2}>
                        <Badge color="red" variant="light">
                          {t('revokedAt', { at: formatDateTime(d.revokedAt) })}
                        </Badge>
                        {d.revokeReason && (
                          <Text size="xs" c="dimmed">
                            {d.revokeReason}
                          </Text>
                        )}
                      </Stack>
                    ) : (
                      <Badge color="teal" variant="light">
                        {t('active')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!d.revokedAt && (
                      <Button size="xs" variant="subtle" color="red" leftSection={<IconBan size={14} />} onClick={() => open(d)} data-testid="province-device-revoke">
                        {t('revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal opened={target !== null} onClose={() => setTarget(null)} title={target ? t('revokeTitle', { unit: target.unitName }) : ''} centered size="lg">
        {target && (
          <Stack gap="md">
            <Text>{t('revokeText', { device: target.deviceName })}</Text>
            <Textarea label={t('reason')} placeholder={t('reasonPh')} withAsterisk autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} data-testid="province-revoke-reason" />
            <Checkbox label={t('confirmRevoke')} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} data-testid="province-revoke-confirm" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setTarget(null)}>
                {t('cancel')}
              </Button>
              <Button color="red" disabled={!confirmed} loading={revoke.running} onClick={() => void run()} data-testid="province-revoke-run">
                {t('revoke')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}
