import type { z } from 'zod';
import type { queueSchema } from '../../../contract/config.js';
import type { Queue } from './queue.js';

export function presentQueue(queue: Queue): z.infer<typeof queueSchema> {
  return {
    id: queue.id,
    name: queue.name,
    ouId: queue.ouId,
    memberIds: queue.memberIds,
    createdAt: queue.createdAt,
    updatedAt: queue.updatedAt,
  };
}
