/** The release of this build, shown in the OpenAPI document and by `casedesk --version`. */
export const VERSION = '0.1.0';
