/**
 * Session cookies and API tokens carry the tenant id, the credential's id and a secret. The tenant id
 * lets every lookup include `tenant_id` (so the tables stay distributable by tenant); only a hash of
 * the secret is stored.
 */
export interface ParsedCredential {
  tenantId: string;
  id: string;
  secret: string;
}

const TOKEN_PREFIX = 'cdt_';

export function formatSessionCookie(c: ParsedCredential): string {
  return `${c.tenantId}.${c.id}.${c.secret}`;
}

export function formatApiToken(c: ParsedCredential): string {
  return `${TOKEN_PREFIX}${c.tenantId}.${c.id}.${c.secret}`;
}

function parseParts(value: string): ParsedCredential | null {
  const parts = value.split('.');
  if (parts.length !== 3) return null;
  const [tenantId, id, secret] = parts;
  if (!tenantId || !id || !secret || value.length > 300) return null;
  return { tenantId, id, secret };
}

export function parseSessionCookie(value: string): ParsedCredential | null {
  return parseParts(value);
}

export function parseApiToken(value: string): ParsedCredential | null {
  return value.startsWith(TOKEN_PREFIX) ? parseParts(value.slice(TOKEN_PREFIX.length)) : null;
}
