import type { SessionInfo } from '../../../../shared/domain/users.js';

export function SetupWizard(_props: { onDone(session: SessionInfo): void }) {
  return <div>SetupWizard</div>;
}
