import { Router } from 'express';
import { requireCaller } from '../auth';
import { bodyOf, route, routeId, type StoreContext } from '../context';
import type { OrderNote } from '../note-store';
import { ParamReader } from '../params';
import { sendRest } from '../respond';
import { missingParams, noRoute, RestError } from '../rest-errors';
import { wooDatePair, type StoreSettings } from '../settings';

/** `/orders/{id}/notes`: a bare (unpaginated) list, create (201), read and force-delete; none fire webhooks. */
export function noteRoutes(ctx: StoreContext): Router {
  const router = Router();
  const { orders, notes, settings } = ctx;

  const orderIdOf = (value: unknown): number => {
    const id = routeId(value);
    if (id === undefined) throw noRoute();
    if (orders.stored(id) === undefined) {
      throw new RestError(404, 'woocommerce_rest_order_invalid_id', 'Invalid order ID.');
    }
    return id;
  };
  const noteOf = (orderId: number, value: unknown): OrderNote => {
    const noteId = routeId(value);
    if (noteId === undefined) throw noRoute();
    const note = notes.get(orderId, noteId);
    if (note === undefined) throw new RestError(404, 'woocommerce_rest_invalid_id', 'Invalid resource ID.');
    return note;
  };

  router.get(
    '/orders/:orderId/notes',
    route((req, res, caller) => {
      requireCaller(caller, 'list');
      const orderId = orderIdOf(req.params.orderId);
      const p = new ParamReader(req.query);
      const type = p.oneOf('type', ['any', 'customer', 'internal'] as const, 'any');
      p.done();
      sendRest(
        res,
        200,
        notes.list(orderId, type).map((note) => noteToRest(note, settings)),
      );
    }),
  );

  router.post(
    '/orders/:orderId/notes',
    route((req, res, caller) => {
      requireCaller(caller, 'create');
      const orderId = orderIdOf(req.params.orderId);
      const body = bodyOf(req);
      if (typeof body.note !== 'string' || body.note === '') {
        if (body.note === undefined) throw missingParams(['note']);
        throw new RestError(400, 'woocommerce_rest_invalid_order_note', 'Order note is empty.');
      }
      const p = new ParamReader(body);
      const customerNote = p.bool('customer_note', false);
      const addedByUser = p.bool('added_by_user', false);
      p.done();
      const note = notes.add(orderId, body.note, { customerNote, addedByUser });
      sendRest(res, 201, noteToRest(note, settings), {
        Location: `${settings.url}/wp-json/wc/v3/orders/${orderId}/notes/${note.id}`,
      });
    }),
  );

  router.get(
    '/orders/:orderId/notes/:noteId',
    route((req, res, caller) => {
      requireCaller(caller, 'view');
      const orderId = orderIdOf(req.params.orderId);
      sendRest(res, 200, noteToRest(noteOf(orderId, req.params.noteId), settings));
    }),
  );

  router.delete(
    '/orders/:orderId/notes/:noteId',
    route((req, res, caller) => {
      requireCaller(caller, 'delete');
      const orderId = orderIdOf(req.params.orderId);
      const note = noteOf(orderId, req.params.noteId);
      const p = new ParamReader(req.query);
      const force = p.bool('force', false);
      p.done();
      if (!force) {
        throw new RestError(501, 'woocommerce_rest_trash_not_supported', 'Resource does not support trashing.');
      }
      const previous = noteToRest(note, settings);
      notes.delete(note.id);
      sendRest(res, 200, previous);
    }),
  );

  return router;
}

/** The REST shape of an order note. */
export function noteToRest(note: OrderNote, settings: StoreSettings) {
  const [created, createdGmt] = wooDatePair(note.dateCreated, settings.utcOffsetMinutes);
  const base = `${settings.url}/wp-json/wc/v3/orders/${note.orderId}`;
  return {
    id: note.id,
    author: note.author,
    date_created: created,
    date_created_gmt: createdGmt,
    note: note.note,
    customer_note: note.customerNote,
    _links: {
      self: [{ href: `${base}/notes/${note.id}` }],
      collection: [{ href: `${base}/notes` }],
      up: [{ href: base }],
    },
  };
}
