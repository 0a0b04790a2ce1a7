import type { RouteDefinition } from '../route.js';
import { attachmentRoutes } from './attachments.routes.js';
import { assignmentRoutes } from './assignment.routes.js';
import { authRoutes } from './auth.routes.js';
import { caseRoutes } from './cases.routes.js';
import { caseTypeRoutes, queueRoutes } from './config.routes.js';
import { customerRoutes } from './customers.routes.js';
import { detailRoutes } from './details.routes.js';
import { eventRoutes } from './events.routes.js';
import { notificationRoutes } from './notifications.routes.js';
import { ouRoutes, roleRoutes, tenantRoutes, userRoutes } from './org.routes.js';
import { slaRoutes } from './sla.routes.js';
import { taskRoutes } from './tasks.routes.js';

/** Every API route of Casedesk. The OpenAPI document and the route-policy test read this list. */
export const apiRoutes: RouteDefinition[] = [
  ...authRoutes,
  ...tenantRoutes,
  ...ouRoutes,
  ...roleRoutes,
  ...userRoutes,
  ...caseTypeRoutes,
  ...queueRoutes,
  ...slaRoutes,
  ...customerRoutes,
  ...caseRoutes,
  ...assignmentRoutes,
  ...attachmentRoutes,
  ...taskRoutes,
  ...detailRoutes,
  ...eventRoutes,
  ...notificationRoutes,
];
