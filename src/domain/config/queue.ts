export interface Queue {
  tenantId: string;
  id: string;
  name: string;
  ouId: string | null;
  /** The users who see the queue's cases and may claim them; a set, kept sorted by id. */
  memberIds: string[];
  createdAt: string;
  updatedAt: string;
}
