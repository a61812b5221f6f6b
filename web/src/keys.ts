// The keyboard map, shared by the handler and the "?" overlay. Pure: tested in node.

export type KeyCommand = 'next' | 'previous' | 'approve' | 'reject' | 'edit' | 'undo' | 'search' | 'help' | 'open' | 'close' | 'palette';

export const KEY_HELP: readonly { keys: string; does: string }[] = [
  { keys: 'j / k', does: 'Move to the next / previous item' },
  { keys: 'Enter', does: 'Open or close the selected item' },
  { keys: 'a', does: 'Approve the selected item' },
  { keys: 'r', does: 'Reject the selected item (you can give a reason)' },
  { keys: 'e', does: 'Edit the draft of the selected item' },
  { keys: 'u', does: 'Undo what SkyTwin did for the selected item' },
  { keys: '/', does: 'Search' },
  { keys: '?', does: 'Show or hide these keys' },
  { keys: 'Ctrl K / ⌘ K', does: 'Go anywhere, search, run a command' },
  { keys: 'Esc', does: 'Close this list, a form or the open item' },
];

const COMMANDS: Record<string, KeyCommand> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  a: 'approve',
  r: 'reject',
  e: 'edit',
  u: 'undo',
  '/': 'search',
  '?': 'help',
  Enter: 'open',
  Escape: 'close',
};

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element's tag and whether it takes text: keys typed into a field are the field's. */
  target: { tagName: string; isContentEditable?: boolean; type?: string } | null;
}

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local']);

export function isTyping(target: KeyLike['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
}

/** The command a key press asks for, or null (modified keys, typing in a field, unknown keys). */
export function commandFor(event: KeyLike): KeyCommand | null {
  // Ctrl+K (⌘K on a Mac) opens the command bar from anywhere, fields included.
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') return 'palette';
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const command = COMMANDS[event.key] ?? null;
  if (command === null) return null;
  // In a field only Escape means something to the page (leave the field); Enter submits the field's form.
  if (isTyping(event.target)) return command === 'close' ? 'close' : null;
  // Enter on a button or link is that control's own click.
  if (command === 'open' && event.target && ['BUTTON', 'A', 'SUMMARY'].includes(event.target.tagName.toUpperCase())) return null;
  return command;
}
