import { Alert, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingCommunity, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../../../shared/api/errors.js';
import type { SessionInfo } from '../../../../shared/domain/users.js';
import type { Unit } from '../../../../shared/domain/units.js';
import { useCommand } from '../../api/hooks.js';
import { showApiError } from '../../api/errors.js';
import { useForm } from '../../forms/useForm.js';
import { useT } from '../../i18n/language.js';
import { defineMessages } from '../../i18n/messages.js';
import { LanguageSwitch } from '../../i18n/LanguageSwitch.js';

const m = defineMessages({
  vi: {
    title: 'Đăng nhập',
    subtitle: 'Phần mềm Thi đua, khen thưởng',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    offline: 'Đăng nhập ngay trên máy này, không cần mạng. Quên mật khẩu? Nhờ người quản trị của cơ quan đặt lại.',
  },
  en: {
    title: 'Sign in',
    subtitle: 'Emulation and commendation software',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    offline: 'You sign in on this computer; no network is needed. Forgot your password? Ask your office administrator to reset it.',
  },
});

export function LoginScreen({ office, onDone }: { office: Unit | null; onDone(session: SessionInfo): void }) {
  const t = useT(m);
  const form = useForm({ username: '', password: '' });
  const login = useCommand('auth.login');
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async () => {
    setFailure(null);
    try {
      onDone(await login.run(form.values));
    } catch (error) {
      // A wrong password is shown in the form itself; other failures (store down) as a notification.
      if (error instanceof ApiError && (error.code === 'unauthenticated' || error.code === 'invalid_input')) {
        setFailure(error.message);
        form.setErrors(Object.fromEntries((error.issues ?? []).map((i) => [i.path, i.message])));
      } else showApiError(error, form);
    }
  };

  return (
    <Center mih="100vh" bg="gray.1" p="md" pos="relative">
      <Box pos="absolute" top={16} right={16}>
        <LanguageSwitch />
      </Box>
      <Paper withBorder shadow="md" radius="lg" p={36} w={420}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Stack gap="md">
            <Stack gap={4} align="center" ta="center">
              <ThemeIcon size={56} radius="xl" color="red.7">
                <IconBuildingCommunity size={32} />
              </ThemeIcon>
              <Title order={3} mt="xs">
                {office?.name ?? t('subtitle')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('subtitle')}
              </Text>
            </Stack>
            {failure && (
              <Alert color="red" variant="light" data-testid="login-error">
                {failure}
              </Alert>
            )}
            <TextInput label={t('username')} autoComplete="username" autoFocus data-testid="login-username" {...form.text('username')} />
            <PasswordInput label={t('password')} autoComplete="current-password" data-testid="login-password" {...form.text('password')} />
            <Button type="submit" size="md" loading={login.running} leftSection={<IconLock size={18} />} data-testid="login-submit">
              {t('submit')}
            </Button>
            <Alert variant="light" color="gray">
              <Text size="xs">{t('offline')}</Text>
            </Alert>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
