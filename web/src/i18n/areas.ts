import { i18n } from './index';

/**
 * The catalogues of the pages that load on demand travel with those pages, not in the first chunk:
 * a lazy route loads its areas (both languages, so switching needs no request) before it renders.
 */
const loaders = {
  caseDetails: () =>
    Promise.all([import('./en/caseDetails'), import('./zh-CN/caseDetails')]).then(
      ([en, zh]) => [en.caseDetails, zh.caseDetails] as const,
    ),
  tasks: () =>
    Promise.all([import('./en/tasks'), import('./zh-CN/tasks')]).then(
      ([en, zh]) => [en.tasks, zh.tasks] as const,
    ),
  customers: () =>
    Promise.all([import('./en/customers'), import('./zh-CN/customers')]).then(
      ([en, zh]) => [en.customers, zh.customers] as const,
    ),
  config: () =>
    Promise.all([import('./en/config'), import('./zh-CN/config')]).then(
      ([en, zh]) => [en.config, zh.config] as const,
    ),
  evaluate: () =>
    Promise.all([import('./en/evaluate'), import('./zh-CN/evaluate')]).then(
      ([en, zh]) => [en.evaluate, zh.evaluate] as const,
    ),
};

export type LazyArea = keyof typeof loaders;

const loaded = new Set<LazyArea>();

export async function loadAreas(...areas: LazyArea[]): Promise<void> {
  await Promise.all(
    areas
      .filter((area) => !loaded.has(area))
      .map(async (area) => {
        const [english, chinese] = await loaders[area]();
        i18n.addResourceBundle('en', 'translation', { [area]: english }, true, true);
        i18n.addResourceBundle('zh-CN', 'translation', { [area]: chinese }, true, true);
        loaded.add(area);
      }),
  );
}
