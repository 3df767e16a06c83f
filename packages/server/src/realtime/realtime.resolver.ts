import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../policy/context.js';
import { AppError } from '../kernel/errors.js';
import { StudentType } from '../modules/school/index.js';
import type { LiveContext, Realtime } from './realtime.js';
import { ClassEventType, DiaryEventType, MessageEventType } from './realtime.types.js';
import type { Delivery } from './stream.js';

/** WebSocket subscriptions' contexts carry the process's realtime layer and the socket's connection (app.ts); HTTP's do not. */
export type RealtimeContext = LiveContext & { realtime?: Realtime };

/** What type-graphql hands a subscription's `subscribe` (its own type says `any`): the field's arguments and the socket's context. */
interface SubscribeData<Args> {
  args: Args;
  context: RealtimeContext;
}

const OVER_WEBSOCKET = () => new AppError('BAD_USER_INPUT', 'WEBSOCKET_ONLY', 'Subscriptions are served over WebSocket (graphql-ws) at /graphql.');

function realtimeOf(ctx: RealtimeContext): Realtime {
  if (!ctx.realtime) throw OVER_WEBSOCKET();
  return ctx.realtime;
}

/**
 * An event is executed once per viewer shape, with the viewer of its batch and the batch's loaders as its
 * context (realtime/delivery.ts), not with the subscription's own context. A `denial` (access withdrawn)
 * ends the stream with its error (delivery.ts answers it without executing).
 */
function deliver<T>(delivery: Delivery<T> | undefined): T {
  // Over HTTP a subscription is executed like a query, without an event.
  if (!delivery) throw OVER_WEBSOCKET();
  if ('denial' in delivery) throw delivery.denial;
  return delivery.event;
}

const AFTER = 'The id of the last event received: events after it are replayed first, then live ones follow, without gap or repeat.';

@Resolver()
export class RealtimeResolver {
  @Subscription(() => DiaryEventType, {
    description:
      "Live changes in a student's diary: marks, attendance, period marks, remarks, lesson topics and homework. " +
      'For the student and their parents (with consent) and the school staff, like `diary`; delivery stops when access ends.',
    subscribe: ({ args, context }: SubscribeData<{ studentId: string; after: unknown }>) => realtimeOf(context).openDiary(context, args.studentId, args.after),
  })
  diaryEvents(
    @Arg('studentId', () => ID) _studentId: string,
    @Arg('after', () => ID, { nullable: true, description: AFTER }) _after: string | null,
    @Root() delivery: Delivery<DiaryEventType>,
  ): DiaryEventType {
    return deliver(delivery);
  }

  @Subscription(() => ClassEventType, {
    description: 'Live changes about the students in a class today and its lessons (R-A4): for its class teacher and the administration.',
    subscribe: ({ args, context }: SubscribeData<{ classId: string; after: unknown }>) => realtimeOf(context).openClass(context, args.classId, args.after),
  })
  classEvents(
    @Arg('classId', () => ID) _classId: string,
    @Arg('after', () => ID, { nullable: true, description: AFTER }) _after: string | null,
    @Root() delivery: Delivery<ClassEventType>,
  ): ClassEventType {
    return deliver(delivery);
  }

  @Subscription(() => MessageEventType, {
    description:
      "Live changes in the viewer's conversations in one school (a new or retracted message, a read receipt, an overdue " +
      'letter): the unread badge and the open conversation refetch what an event names.',
    subscribe: ({ args, context }: SubscribeData<{ schoolId: string; after: unknown }>) => realtimeOf(context).openMessages(context, args.schoolId, args.after),
  })
  messageEvents(
    @Arg('schoolId', () => ID) _schoolId: string,
    @Arg('after', () => ID, { nullable: true, description: AFTER }) _after: string | null,
    @Root() delivery: Delivery<MessageEventType>,
  ): MessageEventType {
    return deliver(delivery);
  }
}

@Resolver(() => ClassEventType)
export class ClassEventResolver {
  @FieldResolver(() => StudentType, { nullable: true, description: 'Whom the event is about; null for a lesson change' })
  student(@Root() event: ClassEventType, @Ctx() ctx: Context) {
    return event.studentId ? ctx.loaders.studentById.load(event.studentId) : null;
  }
}

/**
 * type-graphql insists on a PubSub once a schema has subscriptions; ours bring their own `subscribe`
 * (the outbox streams), so this one only refuses to be used.
 */
export const outboxOnlyPubSub = {
  publish(): void {
    throw new Error('Live events come from the outbox (domain_event), not from an in-process PubSub.');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('Live events come from the outbox (domain_event), not from an in-process PubSub.');
  },
};
