import type { CaseChange } from '../../domain/cases/case-events.js';
import { canViewCaseAt, caseViewerOf, type CaseViewer } from '../../domain/cases/case.policy.js';
import { findCase } from '../../domain/cases/cases.repository.js';
import type { Actor, AppContext } from '../../domain/context.js';
import { route, type RouteDefinition } from '../route.js';

const HEARTBEAT_MS = 25_000;
// What a user may see changes rarely; re-reading it for every change of a busy tenant would not pay.
const VIEWER_TTL_MS = 30_000;

type StreamEvent = 'case.created' | 'case.updated' | 'case.removed' | 'counts.changed';

/**
 * Decides what one connected user hears of a case change: created/updated when they may see the case
 * now, removed when it just left their sight (they owned it, or it was their queue's), else nothing.
 */
export async function eventsFor(
  ctx: AppContext,
  viewer: CaseViewer,
  change: CaseChange,
): Promise<StreamEvent[]> {
  if (change.tenantId !== viewer.actor.tenantId) return [];
  const c = await findCase(ctx.db, change.tenantId, change.caseId);
  if (c && (await canViewCaseAt(ctx.db, viewer, c)))
    return [change.kind === 'created' ? 'case.created' : 'case.updated', 'counts.changed'];
  const sawIt =
    change.formerOwnerId === viewer.actor.userId ||
    (change.formerQueueId != null && viewer.queueIds.has(change.formerQueueId));
  return sawIt ? ['case.removed', 'counts.changed'] : [];
}

function streamFor(ctx: AppContext, actor: Actor) {
  let viewer: { value: CaseViewer; at: number } | null = null;
  return async (change: CaseChange): Promise<StreamEvent[]> => {
    const now = Date.now();
    if (!viewer || now - viewer.at > VIEWER_TTL_MS)
      viewer = { value: await caseViewerOf(ctx.db, actor), at: now };
    return eventsFor(ctx, viewer.value, change);
  };
}

export const eventRoutes: RouteDefinition[] = [
  route({
    method: 'GET',
    path: '/api/v1/events',
    operationId: 'streamEvents',
    summary:
      'Server-sent events about cases the caller may see: case.created, case.updated, case.removed, counts.changed',
    description:
      'Each event carries `{caseId, version}`. The stream sends a comment every 25 seconds to stay open.',
    tags: ['cases'],
    policy: { access: 'signedIn' },
    response: { status: 200, contentType: 'text/event-stream', description: 'An endless event stream' },
    rawReply: true,
    async handle({ ctx, actor, request, reply }) {
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 3000\n: connected\n\n');
      request.server.liveStreams.add(raw);
      const decide = streamFor(ctx, actor);
      // Changes are handled one at a time so that events reach the client in the order they happened.
      let chain = Promise.resolve();
      const unsubscribe = ctx.events.subscribe((change) => {
        if (change.tenantId !== actor.tenantId) return;
        chain = chain
          .then(async () => {
            for (const event of await decide(change)) {
              raw.write(
                `event: ${event}\ndata: ${JSON.stringify({ caseId: change.caseId, version: change.version })}\n\n`,
              );
            }
          })
          .catch((error: unknown) => {
            request.log.warn({ err: error }, 'could not deliver a case event');
          });
      });
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      await new Promise<void>((resolve) => {
        request.raw.on('close', () => {
          request.server.liveStreams.delete(raw);
          clearInterval(heartbeat);
          unsubscribe();
          resolve();
        });
      });
    },
  }),
];
