import { ActionIcon, Badge, Button, Card, Group, Modal, PasswordInput, Select, Stack, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Role } from '../../../../shared/api/define.js';
import { ROLES, ROLE_LABELS, type User } from '../../../../shared/domain/users.js';
import { showApiError } from '../../api/errors.js';
import { useCommand, useQuery, useSession } from '../../api/hooks.js';
import { DraftBanner } from '../../drafts/DraftBanner.js';
import { useDraft } from '../../drafts/useDraft.js';
import { useForm } from '../../forms/useForm.js';
import { useLanguage, useT } from '../../i18n/language.js';
import { defineMessages, pick } from '../../i18n/messages.js';
import { PageHeader } from '../../app/PageHeader.js';

const m = defineMessages({
  vi: {
    title: 'Người dùng',
    subtitle: 'Tài khoản đăng nhập trên máy này. Cán bộ soạn thảo, nhập liệu; lãnh đạo duyệt, ký; quản trị quản lý người dùng và cài đặt.',
    add: 'Thêm người dùng',
    colName: 'Họ và tên',
    colUsername: 'Tên đăng nhập',
    colRole: 'Vai trò',
    colActive: 'Trạng thái',
    active: 'Đang dùng',
    locked: 'Đã khóa',
    you: 'Bạn',
    edit: 'Sửa',
    newTitle: 'Thêm người dùng',
    editTitle: 'Sửa người dùng: {name}',
    displayName: 'Họ và tên',
    username: 'Tên đăng nhập',
    usernameHint: 'Chữ không dấu, số, dấu chấm; ví dụ: an.nguyen',
    password: 'Mật khẩu',
    newPassword: 'Đặt lại mật khẩu',
    newPasswordHint: 'Để trống nếu không đổi. Ít nhất 8 ký tự.',
    confirm: 'Nhập lại mật khẩu',
    mismatch: 'Hai mật khẩu không giống nhau.',
    role: 'Vai trò',
    isActive: 'Cho phép đăng nhập',
    save: 'Lưu',
    cancel: 'Hủy',
    saved: 'Đã lưu tài khoản {name}.',
    draftNew: 'Thêm người dùng mới',
  },
  en: {
    title: 'Users',
    subtitle: 'Sign-in accounts on this computer. Officers draft and enter data; heads approve and sign; administrators manage users and settings.',
    add: 'Add user',
    colName: 'Full name',
    colUsername: 'Username',
    colRole: 'Role',
    colActive: 'Status',
    active: 'Active',
    locked: 'Locked',
    you: 'You',
    edit: 'Edit',
    newTitle: 'Add user',
    editTitle: 'Edit user: {name}',
    displayName: 'Full name',
    username: 'Username',
    usernameHint: 'Unaccented letters, digits, dots; e.g. an.nguyen',
    password: 'Password',
    newPassword: 'Reset password',
    newPasswordHint: 'Leave empty to keep it. At least 8 characters.',
    confirm: 'Repeat the password',
    mismatch: 'The two passwords differ.',
    role: 'Role',
    isActive: 'May sign in',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Saved account {name}.',
    draftNew: 'New user',
  },
});

function UserForm({ user, onDone }: { user: User | null; onDone(): void }) {
  const t = useT(m);
  const { lang } = useLanguage();
  const form = useForm({ displayName: user?.displayName ?? '', username: user?.username ?? '', role: (user?.role ?? 'officer') as Role | null, active: user?.active ?? true, password: '', confirm: '' });
  // Passwords never go into drafts.
  const draft = useDraft(user ? `users.edit:${user.id}` : 'users.new', user ? t('editTitle', { name: user.displayName }) : t('draftNew'), form.values, { exclude: ['password', 'confirm'] });
  const create = useCommand('users.create');
  const update = useCommand('users.update');

  const save = async () => {
    const v = form.values;
    if (v.password !== v.confirm) return form.setErrors({ confirm: t('mismatch') });
    try {
      const role = v.role ?? 'officer';
      const saved = user
        ? await update.run({ id: user.id, displayName: v.displayName, role, active: v.active, ...(v.password ? { newPassword: v.password } : {}) })
        : await create.run({ displayName: v.displayName, username: v.username, password: v.password, role });
      await draft.clear();
      notifications.show({ color: 'teal', message: t('saved', { name: saved.displayName }) });
      onDone();
    } catch (error) {
      const fields = showApiError(error);
      // Server paths: "newPassword" on update is the password field here.
      form.setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k === 'newPassword' ? 'password' : k, v])));
    }
    return undefined;
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      data-testid="user-form"
    >
      <Stack gap="md">
        <DraftBanner draft={draft} onRestore={(data) => form.setValues({ ...form.values, ...data, password: form.values.password, confirm: form.values.confirm })} />
        <TextInput label={t('displayName')} withAsterisk data-autofocus data-testid="user-displayName" {...form.text('displayName')} />
        <TextInput label={t('username')} description={t('usernameHint')} withAsterisk disabled={user !== null} autoComplete="off" data-testid="user-username" {...form.text('username')} />
        <Select label={t('role')} withAsterisk allowDeselect={false} data={ROLES.map((r) => ({ value: r, label: `${pick(ROLE_LABELS[r], lang)} — ${ROLE_LABELS[r].description}` }))} data-testid="user-role" {...form.field('role')} onChange={(v) => form.setValue('role', v as Role | null)} />
        <PasswordInput label={user ? t('newPassword') : t('password')} description={user ? t('newPasswordHint') : undefined} withAsterisk={user === null} autoComplete="new-password" data-testid="user-password" {...form.text('password')} />
        <PasswordInput label={t('confirm')} withAsterisk={user === null} autoComplete="new-password" data-testid="user-confirm" {...form.text('confirm')} />
        {user && <Switch label={t('isActive')} checked={form.values.active} onChange={(e) => form.setValue('active', e.currentTarget.checked)} />}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('cancel')}
          </Button>
          <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={create.running || update.running} data-testid="user-save">
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function UsersScreen() {
  const t = useT(m);
  const { lang } = useLanguage();
  const { session } = useSession();
  const users = useQuery('users.list', {}, { tables: ['users'] });
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);

  return (
    <Stack gap="md">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <Button leftSection={<IconUserPlus size={18} />} onClick={() => setEditing({ user: null })} data-testid="users-add">
          {t('add')}
        </Button>
      </PageHeader>
      <Card withBorder radius="md" p={0}>
        <Table highlightOnHover verticalSpacing="sm" data-testid="users-table">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th>{t('colName')}</Table.Th>
              <Table.Th>{t('colUsername')}</Table.Th>
              <Table.Th>{t('colRole')}</Table.Th>
              <Table.Th>{t('colActive')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data ?? []).map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {u.displayName}
                    </Text>
                    {u.id === session?.user.id && (
                      <Badge size="xs" variant="light">
                        {t('you')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {u.username}
                  </Text>
                </Table.Td>
                <Table.Td>{pick(ROLE_LABELS[u.role], lang)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none" size="md" color={u.active ? 'teal' : 'gray'}>
                    {u.active ? t('active') : t('locked')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <Tooltip label={t('edit')}>
                      <ActionIcon variant="subtle" onClick={() => setEditing({ user: u })} aria-label={t('edit')}>
                        <IconPencil size={18} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={<Text fw={700}>{editing?.user ? t('editTitle', { name: editing.user.displayName }) : t('newTitle')}</Text>} centered size="lg">
        {editing && <UserForm key={editing.user?.id ?? 'new'} user={editing.user} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}
