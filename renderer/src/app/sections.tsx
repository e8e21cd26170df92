/**
 * THE LIST OF SECTIONS of the app (navigation + routing are built from it).
 *
 * To plug in your feature's screen: replace the `component:` of your section
 * with your screen component (one line, plus its import), e.g.
 *   component: PlansScreen,
 * Labels live in ./messages.ts (navMessages); add a key there if you add a section.
 * `roles` limits who sees it (omit = every signed-in user). `group` puts it
 * under a collapsible navbar heading.
 */
import type { ComponentType } from 'react';
import {
  IconAward,
  IconBuildingBank,
  IconCertificate,
  IconChecklist,
  IconClipboardList,
  IconCloudUpload,
  IconDatabaseExport,
  IconLayoutDashboard,
  IconReportAnalytics,
  IconSettings,
  IconSitemap,
  IconUserShield,
  IconUsers,
  IconWritingSign,
  type Icon,
} from '@tabler/icons-react';
import type { Role } from '../../../shared/api/define.js';
import type { NavKey } from './messages.js';
import { placeholder } from './UnderConstruction.js';
import { DashboardScreen } from '../features/dashboard/DashboardScreen.js';
import { UnitsScreen } from '../features/units/UnitsScreen.js';
import { PeopleScreen } from '../features/people/PeopleScreen.js';
import { UsersScreen } from '../features/users/UsersScreen.js';
import { SettingsScreen } from '../features/settings/SettingsScreen.js';
import { AwardsScreen } from '../features/awards/AwardsScreen.js';
import { CertificatesScreen } from '../features/certificates/CertificatesScreen.js';
import { PlansScreen } from '../features/plans/PlansScreen.js';
import { SyncScreen } from '../features/sync/SyncScreen.js';
import { BackupScreen } from '../features/backup/BackupScreen.js';
import { ProvinceScreen } from '../features/province/ProvinceScreen.js';
import { isProvinceLevel } from '../../../shared/sync/province.js';
import type { Unit } from '../../../shared/domain/units.js';

export interface Section {
  id: string;
  /** Hash path, e.g. "/people" → "#/people". */
  path: string;
  icon: Icon;
  label: NavKey;
  component: ComponentType;
  roles?: readonly Role[];
  group?: 'catalog' | 'settingsGroup';
  /** Shown only when this holds for the office (e.g. the province's hub screens). */
  when?: (office: Unit | null) => boolean;
}

export const SECTIONS: readonly Section[] = [
  { id: 'dashboard', path: '/', icon: IconLayoutDashboard, label: 'dashboard', component: DashboardScreen },
  { id: 'plans', path: '/plans', icon: IconClipboardList, label: 'plans', component: PlansScreen },
  { id: 'registrations', path: '/registrations', icon: IconWritingSign, label: 'registrations', component: placeholder('registrations', 'summary.registrations') },
  { id: 'scoring', path: '/scoring', icon: IconChecklist, label: 'scoring', component: placeholder('scoring', 'summary.scoring') },
  { id: 'reports', path: '/reports', icon: IconReportAnalytics, label: 'reports', component: placeholder('reports', 'summary.reports') },
  { id: 'awards', path: '/awards', icon: IconAward, label: 'awards', component: AwardsScreen },
  { id: 'certificates', path: '/certificates', icon: IconCertificate, label: 'certificates', component: CertificatesScreen },
  { id: 'sync', path: '/sync', icon: IconCloudUpload, label: 'sync', component: SyncScreen },
  { id: 'province', path: '/province', icon: IconBuildingBank, label: 'province', component: ProvinceScreen, roles: ['admin', 'head'], when: (office) => isProvinceLevel(office?.level) },
  { id: 'units', path: '/units', icon: IconSitemap, label: 'units', component: UnitsScreen, group: 'catalog' },
  { id: 'people', path: '/people', icon: IconUsers, label: 'people', component: PeopleScreen, group: 'catalog' },
  { id: 'users', path: '/users', icon: IconUserShield, label: 'users', component: UsersScreen, roles: ['admin'], group: 'settingsGroup' },
  { id: 'settings', path: '/settings', icon: IconSettings, label: 'settings', component: SettingsScreen, group: 'settingsGroup' },
  { id: 'backup', path: '/backup', icon: IconDatabaseExport, label: 'backup', component: BackupScreen, roles: ['admin', 'head'], group: 'settingsGroup' },
];
