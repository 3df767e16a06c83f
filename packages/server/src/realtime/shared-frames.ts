/**
 * What the subscribers of one event share (issue 16): the batch's loaders, and per viewer shape the policy's
 * decision and the serialised frames. The hub makes them (realtime.ts), a subscriber's stream decides with them
 * (stream.ts), and the delivery executes and writes the frames (delivery.ts).
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createLoaders, liveEventContext } from '../graphql/context.js';
import type { Context } from '../policy/context.js';
import type { Loaders } from '../kernel/loaders.js';
import type { Clock } from '../kernel/clock.js';
import type { Viewer } from '../policy/viewer.js';
import { carriedObjects, loadAffected, type AffectedObjects } from './affected.js';
import type { Announcement, OutboxRecord } from './outbox.js';

/**
 * The events read together (one live batch, or one replayed page): one fork and one set of loaders, made
 * when first needed, for reading the events' objects and executing the events.
 */
export class EventBatch {
  private shared: { em: EntityManager; loaders: Loaders } | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
  ) {}

  private own(): { em: EntityManager; loaders: Loaders } {
    if (!this.shared) {
      const em = this.orm.em.fork();
      this.shared = { em, loaders: createLoaders(em, this.clock) };
    }
    return this.shared;
  }

  /** The objects `rows` are about (affected.ts); the work types and subjects read with them prime the batch's loaders. */
  affected(rows: OutboxRecord[]): Promise<Map<string, AffectedObjects>> {
    const { em, loaders } = this.own();
    return loadAffected(em, rows, loaders);
  }

  /** The objects announced with their rows (affected.ts `carriedObjects`), by event id: none of them is read. */
  carried(announced: Announcement[]): Map<string, AffectedObjects> {
    const objects = new Map<string, AffectedObjects>();
    for (const { row, objects: carried } of announced) {
      if (row && carried) objects.set(row.id, carriedObjects(row, carried, this.own().loaders));
    }
    return objects;
  }

  context(viewer: Viewer): Context {
    const { em, loaders } = this.own();
    return liveEventContext(em, loaders, viewer, this.clock);
  }
}

/**
 * One serialised result (`payload`), and the `next` messages made of it: one per operation id, the payload encoded
 * once and copied behind each id (graphql-ws clients name operations with random UUIDs, so mostly one message per
 * subscriber; clients that number them alike share one). It lives as long as its event's item.
 */
export class Frame {
  private messages: Map<string, Buffer> | undefined;
  /** The payload as UTF-8, encoded once: a message of another id copies it. */
  private encoded: Buffer | undefined;

  constructor(readonly payload: string) {}

  /** The graphql-ws `next` message of operation `id`, as UTF-8: the socket writes it without encoding it again. */
  message(id: string): Buffer {
    this.messages ??= new Map();
    let message = this.messages.get(id);
    if (!message) {
      // Clients that number their operations at random (graphql-ws's UUIDs) each get the payload's bytes copied, not encoded.
      const payload = (this.encoded ??= Buffer.from(this.payload));
      const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
      message = Buffer.allocUnsafe(Buffer.byteLength(head) + payload.length + 1);
      const at = message.write(head);
      payload.copy(message, at);
      message[at + payload.length] = CLOSE_BRACE;
      this.messages.set(id, message);
    }
    return message;
  }
}

const CLOSE_BRACE = 0x7d;

/** One event of one audience: the policy's decisions and the serialised frames, per viewer shape. */
export class SharedFrames {
  private decisions: Map<string, boolean> | undefined;
  private frames: Map<string, Map<string, Promise<Frame>>> | undefined;

  constructor(readonly batch: EventBatch) {}

  /** Whether viewers of this shape see the event: decided by the first of them, replayed for the others. */
  decide(shape: string, decide: () => boolean): boolean {
    this.decisions ??= new Map();
    let allowed = this.decisions.get(shape);
    if (allowed === undefined) this.decisions.set(shape, (allowed = decide()));
    return allowed;
  }

  /**
   * The serialised result for one (operation, viewer shape): made by the first subscriber that needs it. Kept per
   * operation, then per shape: both keys are strings kept by their owners, so looking them up hashes nothing new.
   */
  frame(operation: string, shape: string, make: () => Promise<Frame>): Promise<Frame> {
    this.frames ??= new Map();
    let byShape = this.frames.get(operation);
    if (!byShape) this.frames.set(operation, (byShape = new Map<string, Promise<Frame>>()));
    let frame = byShape.get(shape);
    if (!frame) byShape.set(shape, (frame = make()));
    return frame;
  }
}
