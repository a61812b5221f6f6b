import { GoogleError } from '../errors.js';

export interface Label {
  id: string;
  name: string;
  type: 'system' | 'user';
  messageListVisibility?: 'show' | 'hide';
  labelListVisibility?: 'labelShow' | 'labelShowIfUnread' | 'labelHide';
  color?: { textColor: string; backgroundColor: string };
}

const SHOWN: Pick<Label, 'messageListVisibility' | 'labelListVisibility'> = { messageListVisibility: 'hide', labelListVisibility: 'labelShow' };

const SYSTEM_LABELS: Label[] = [
  { id: 'CHAT', name: 'CHAT', type: 'system', messageListVisibility: 'hide', labelListVisibility: 'labelHide' },
  { id: 'SENT', name: 'SENT', type: 'system', ...SHOWN },
  { id: 'INBOX', name: 'INBOX', type: 'system', ...SHOWN },
  { id: 'IMPORTANT', name: 'IMPORTANT', type: 'system', ...SHOWN },
  { id: 'TRASH', name: 'TRASH', type: 'system', messageListVisibility: 'hide', labelListVisibility: 'labelHide' },
  { id: 'DRAFT', name: 'DRAFT', type: 'system' },
  { id: 'SPAM', name: 'SPAM', type: 'system', messageListVisibility: 'hide', labelListVisibility: 'labelHide' },
  { id: 'CATEGORY_FORUMS', name: 'CATEGORY_FORUMS', type: 'system' },
  { id: 'CATEGORY_UPDATES', name: 'CATEGORY_UPDATES', type: 'system' },
  { id: 'CATEGORY_PERSONAL', name: 'CATEGORY_PERSONAL', type: 'system' },
  { id: 'CATEGORY_PROMOTIONS', name: 'CATEGORY_PROMOTIONS', type: 'system' },
  { id: 'CATEGORY_SOCIAL', name: 'CATEGORY_SOCIAL', type: 'system' },
  { id: 'STARRED', name: 'STARRED', type: 'system' },
  { id: 'UNREAD', name: 'UNREAD', type: 'system' },
];

/** Labels a client may not put on or take off a message through modify. */
export const FIXED_LABELS = new Set(['DRAFT', 'SENT', 'CHAT']);

/** User labels and the counter that names the next, as the state file keeps them. */
export interface LabelsSnapshot {
  user: Label[];
  counter: number;
}

/** A mailbox's labels: Gmail's system labels plus user labels named Label_1, Label_2, … */
export class LabelStore {
  private readonly user: Label[] = [];
  private counter = 0;

  snapshot(): LabelsSnapshot {
    return { user: this.user.map((label) => ({ ...label })), counter: this.counter };
  }

  restore(snapshot: LabelsSnapshot): void {
    this.user.splice(0, this.user.length, ...snapshot.user.map((label) => ({ ...label })));
    this.counter = snapshot.counter;
  }

  list(): Label[] {
    return [...SYSTEM_LABELS, ...this.user].map((label) => ({ ...label }));
  }

  byId(id: string): Label | undefined {
    return SYSTEM_LABELS.find((l) => l.id === id) ?? this.user.find((l) => l.id === id);
  }

  /** Case-insensitive, as Gmail compares label names. */
  byName(name: string): Label | undefined {
    const wanted = name.trim().toLowerCase();
    return [...SYSTEM_LABELS, ...this.user].find((l) => l.name.toLowerCase() === wanted);
  }

  create(input: { name: string; messageListVisibility?: Label['messageListVisibility']; labelListVisibility?: Label['labelListVisibility']; color?: Label['color'] }): Label {
    const name = input.name.trim();
    if (name === '') throw new GoogleError(400, 'invalidArgument', 'Invalid label name');
    if (this.byName(name)) throw new GoogleError(409, 'aborted', 'Label name exists or conflicts');
    this.counter += 1;
    const label: Label = {
      id: `Label_${this.counter}`,
      name,
      type: 'user',
      messageListVisibility: input.messageListVisibility ?? 'show',
      labelListVisibility: input.labelListVisibility ?? 'labelShow',
    };
    if (input.color) label.color = input.color;
    this.user.push(label);
    return { ...label };
  }

  /** An id for a label given by id or name; unknown names become new user labels (seeding only). */
  ensure(idOrName: string): string {
    const found = this.byId(idOrName) ?? this.byName(idOrName);
    return found ? found.id : this.create({ name: idOrName }).id;
  }
}
