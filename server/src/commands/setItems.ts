/** A bulk change (a system across hospitals, every system of a GHU, a chosen set), or the undo of one. */
import { writeItems } from '../domain/writeItems.ts';
import { defineCommand } from './defineCommand.ts';

export const setItems = defineCommand(
  'items:set',
  'status:write',
  (ctx, input) => writeItems(ctx, input.changes, input),
  (input) => input.changes.map((c) => ({ kind: c.item.kind, id: c.item.id })),
);
