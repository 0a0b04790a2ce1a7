import type { ChannelsInput, Channel } from '../../../../contract/notifications.js';
import type { Actor, AppContext } from '../../context.js';
import { findChannels, mergeChannels, saveChannels, type Channels } from '../channels.repository.js';
import { newMessageId } from '../enqueue.js';
import { sendMessage } from '../senders.js';
import { DEFAULT_WORKER_OPTIONS } from '../worker.js';

/** Replaces the tenant's channels; omitted secrets keep their stored values. */
export async function putChannels(ctx: AppContext, actor: Actor, input: ChannelsInput): Promise<Channels> {
  return ctx.db.transaction().execute(async (trx) => {
    const merged = mergeChannels(await findChannels(trx, actor.tenantId), input);
    await saveChannels(trx, actor.tenantId, merged, ctx.clock.now().toISOString());
    return merged;
  });
}

/** Sends a test message now, outside the outbox, and tells how it went. */
export async function testChannel(
  ctx: AppContext,
  actor: Actor,
  input: { channel: Channel; to: string },
): Promise<{ ok: boolean; error: string | null; messageId: string }> {
  const channels = await findChannels(ctx.db, actor.tenantId);
  const messageId = newMessageId();
  const outcome = await sendMessage(
    channels,
    {
      channel: input.channel,
      to: input.to,
      subject: 'Casedesk test message',
      text: 'This is a test message from Casedesk: the channel works.',
      messageId,
    },
    DEFAULT_WORKER_OPTIONS.timeouts,
  );
  return { ok: outcome.ok, error: outcome.ok ? null : outcome.error, messageId };
}
