import type { Session } from '../auth/session';

/** Which configuration pages a user sees (UI.md "Frame"): the server checks again on every call. */
export function configurationAccess(session: Session) {
  return {
    tenantAdmin: session.isTenantAdmin,
    users: session.can('users.manage'),
    config: session.can('config.manage'),
  };
}

export function canSeeConfiguration(session: Session): boolean {
  const access = configurationAccess(session);
  return access.tenantAdmin || access.users || access.config;
}
