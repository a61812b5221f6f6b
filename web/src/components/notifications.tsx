// Optional browser notifications for urgent approvals: asked for only when the person clicks, shown
// only while the page is in the background.
import { useState } from 'preact/hooks';
import type { ApprovalItem } from '../../../src/contract/index.js';
import { senderName } from '../format.js';

const supported = () => typeof Notification !== 'undefined';

export function NotificationsButton() {
  const [permission, setPermission] = useState(() => (supported() ? Notification.permission : 'denied'));
  if (!supported() || permission === 'granted' || permission === 'denied') return null;
  return (
    <button type="button" class="quiet" onClick={() => void Notification.requestPermission().then(setPermission)}>
      Enable notifications for urgent items
    </button>
  );
}

/** Notifies of newly arrived urgent approvals when the page is not in view. */
export function notifyUrgent(arrived: readonly ApprovalItem[]): void {
  if (!supported() || Notification.permission !== 'granted' || document.visibilityState === 'visible') return;
  for (const item of arrived.filter((entry) => entry.urgency === 'critical' || entry.urgency === 'high').slice(0, 3)) {
    const note = new Notification(`SkyTwin: ${senderName(item.sender)}`, { body: `${item.subject ?? ''} — ${item.proposal}`, tag: item.id });
    note.onclick = () => {
      window.focus();
      note.close();
    };
  }
}
