import { AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity, IconFolders, IconLogout, IconSettings } from '@tabler/icons-react';
import { ROLE_LABELS } from '../../../shared/domain/users.js';
import type { SessionInfo } from '../../../shared/domain/users.js';
import type { Unit } from '../../../shared/domain/units.js';
import { useLanguage, useT } from '../i18n/language.js';
import { defineMessages, pick } from '../i18n/messages.js';
import { LanguageSwitch } from '../i18n/LanguageSwitch.js';
import { navMessages } from './messages.js';
import { useRoute } from './router.js';
import { SECTIONS, type Section } from './sections.js';
import { NotAvailable } from './UnderConstruction.js';
import { BackupReminder } from '../features/backup/BackupReminder.js';
import { SyncIndicator } from '../features/sync/SyncIndicator.js';

const m = defineMessages({
  vi: { logout: 'Đăng xuất', appName: 'Thi Đua', tagline: 'Thi đua, khen thưởng ngành Tư pháp', menu: 'Mở/đóng danh mục chức năng' },
  en: { logout: 'Sign out', appName: 'Thi Đua', tagline: 'Emulation and commendation — justice sector', menu: 'Toggle navigation' },
});

function visible(section: Section, session: SessionInfo, office: Unit | null): boolean {
  return (!section.roles || section.roles.includes(session.user.role)) && (!section.when || section.when(office));
}

function matches(section: Section, path: string): boolean {
  return section.path === '/' ? path === '/' : path === section.path || path.startsWith(`${section.path}/`);
}

/** The frame around every signed-in screen: header with office and user, navigation of the whole product. */
export function Shell({ session, office, onLogout }: { session: SessionInfo; office: Unit | null; onLogout(): void }) {
  const t = useT(m);
  const nav = useT(navMessages);
  const { lang } = useLanguage();
  const route = useRoute();
  const [opened, { toggle, close }] = useDisclosure(false);
  const sections = SECTIONS.filter((s) => visible(s, session, office));
  const active = SECTIONS.find((s) => matches(s, route.path));
  const Screen = active && visible(active, session, office) ? active.component : null;

  const link = (s: Section) => {
    const Icon = s.icon;
    return (
      <NavLink
        key={s.id}
        href={`#${s.path}`}
        label={nav(s.label)}
        leftSection={<Icon size={20} stroke={1.6} />}
        active={active?.id === s.id}
        onClick={close}
        data-testid={`nav-${s.id}`}
        variant="filled"
        styles={{ root: { borderRadius: 8 } }}
      />
    );
  };
  const groups = [
    { id: 'catalog' as const, icon: IconFolders },
    { id: 'settingsGroup' as const, icon: IconSettings },
  ];

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('menu')} />
            <IconBuildingCommunity size={30} stroke={1.5} color="var(--mantine-color-red-7)" />
            <Stack gap={0} miw={0}>
              <Text fz="lg" fw={700} lh={1.2} c="red.8" truncate="end" data-testid="office-name">
                {office?.name ?? t('appName')}
              </Text>
              <Text size="xs" c="dimmed" truncate="end">
                {t('tagline')}
              </Text>
            </Stack>
          </Group>
          <Group gap="md" wrap="nowrap">
            <SyncIndicator />
            <LanguageSwitch />
            <Stack gap={0} align="flex-end" visibleFrom="xs">
              <Text size="sm" fw={600} data-testid="user-name">
                {session.user.displayName}
              </Text>
              <Badge size="xs" variant="light" color="gray">
                {pick(ROLE_LABELS[session.user.role], lang)}
              </Badge>
            </Stack>
            <Tooltip label={t('logout')}>
              <Button variant="subtle" color="gray" leftSection={<IconLogout size={18} />} onClick={onLogout} data-testid="logout">
                {t('logout')}
              </Button>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {sections.filter((s) => !s.group).map(link)}
            {groups.map((g) => {
              const children = sections.filter((s) => s.group === g.id);
              if (children.length === 0) return null;
              const GroupIcon = g.icon;
              return (
                <NavLink
                  key={g.id}
                  label={nav(g.id)}
                  leftSection={<GroupIcon size={20} stroke={1.6} />}
                  defaultOpened
                  childrenOffset={16}
                  styles={{ root: { borderRadius: 8 } }}
                >
                  {children.map(link)}
                </NavLink>
              );
            })}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" ta="center" pt="sm">
            Thi Đua 0.1
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <BackupReminder session={session} />
        {Screen ? <Screen /> : <NotAvailable reason={active ? 'forbidden' : 'notFound'} />}
      </AppShell.Main>
    </AppShell>
  );
}
