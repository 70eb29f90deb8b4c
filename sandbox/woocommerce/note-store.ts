import type { IdSequences } from './ids';
import { wholeSeconds } from './settings';

/** An order note as the fake store keeps it. */
export interface OrderNote {
  id: number;
  orderId: number;
  author: string;
  dateCreated: Date;
  note: string;
  customerNote: boolean;
}

/** Order notes (WordPress comments); adding one never re-saves the order, so no webhook fires. */
export class NoteStore {
  private readonly notes: OrderNote[] = [];

  constructor(
    private readonly ids: IdSequences,
    private readonly now: () => Date,
  ) {}

  /** Adds a note; `author` is "system" unless added by a user. */
  add(orderId: number, note: string, opts: { customerNote?: boolean; addedByUser?: boolean } = {}): OrderNote {
    const entry: OrderNote = {
      id: this.ids.take('comment'),
      orderId,
      author: opts.addedByUser ? 'admin' : 'system',
      dateCreated: wholeSeconds(this.now()),
      note,
      customerNote: opts.customerNote ?? false,
    };
    this.notes.push(entry);
    return entry;
  }

  /** Notes of an order, newest first; `type` filters customer or internal notes. */
  list(orderId: number, type: 'any' | 'customer' | 'internal' = 'any'): OrderNote[] {
    return this.notes
      .filter((note) => note.orderId === orderId)
      .filter((note) => type === 'any' || note.customerNote === (type === 'customer'))
      .sort((a, b) => b.id - a.id);
  }

  /** One note of an order. */
  get(orderId: number, noteId: number): OrderNote | undefined {
    return this.notes.find((note) => note.orderId === orderId && note.id === noteId);
  }

  /** Removes a note permanently. */
  delete(noteId: number): void {
    const index = this.notes.findIndex((note) => note.id === noteId);
    if (index >= 0) this.notes.splice(index, 1);
  }
}
