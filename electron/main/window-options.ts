import { secureWebPreferences } from './security.js';
import { SHELL_TEXT } from './messages.js';

/**
 * BrowserWindow options of the main window: sized for a 1366×768 office
 * screen, hidden until the first paint (no white flash), with the secure
 * webPreferences.
 */
export function mainWindowOptions(preloadPath: string, iconPath: string | undefined) {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: SHELL_TEXT.windowTitle,
    backgroundColor: '#f8f9fa',
    autoHideMenuBar: true,
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: secureWebPreferences(preloadPath),
  };
}
