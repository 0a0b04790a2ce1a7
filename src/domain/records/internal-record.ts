export interface InternalRecord {
  tenantId: string;
  id: string;
  caseId: string;
  body: string;
  authorId: string;
  createdAt: string;
}
