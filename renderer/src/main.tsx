import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { ApiProvider } from './api/context.js';
import { bridgeTransport, httpTransport, takeSecret, type Transport } from './api/transport.js';
import { App } from './app/App.js';
import { theme } from './app/theme.js';
import { LanguageProvider } from './i18n/language.js';
import { DraftsProvider } from './drafts/context.js';
import { openDraftDb } from './drafts/db.js';

/**
 * The renderer's composition root: picks the transport (the Electron preload
 * bridge when present, otherwise loopback HTTP with the per-launch secret),
 * opens the drafts database and mounts the app.
 */
function chooseTransport(): Transport | null {
  if (window.thidua) return bridgeTransport(window.thidua);
  const secret = takeSecret(window.location, window.history, window.sessionStorage);
  return secret ? httpTransport(new URL('./', window.location.href).href, secret) : null;
}

dayjs.locale('vi');
const transport = chooseTransport();
const root = createRoot(document.getElementById('root') as HTMLElement);

if (!transport) {
  root.render(
    <MantineProvider theme={theme}>
      <p style={{ padding: 32, fontSize: 18 }}>
        Thiếu mã phiên làm việc của trình duyệt. Hãy mở đúng đường dẫn do phần mềm in ra khi khởi động (có phần “#secret=…”).
      </p>
    </MantineProvider>,
  );
} else {
  const draftDb = openDraftDb();
  root.render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <DatesProvider settings={{ locale: 'vi', firstDayOfWeek: 1 }}>
          <Notifications position="bottom-right" />
          <LanguageProvider storage={window.localStorage}>
            <ApiProvider transport={transport} storage={window.sessionStorage}>
              <DraftsProvider db={draftDb}>
                <App storage={window.localStorage} />
              </DraftsProvider>
            </ApiProvider>
          </LanguageProvider>
        </DatesProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
