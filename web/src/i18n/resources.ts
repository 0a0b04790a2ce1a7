import { auth } from './en/auth';
import { caseDetails } from './en/caseDetails';
import { common } from './en/common';
import { config } from './en/config';
import { customers } from './en/customers';
import { enums } from './en/enums';
import { evaluate } from './en/evaluate';
import { nav } from './en/nav';
import { tasks } from './en/tasks';
import { workbench } from './en/workbench';
import * as zh from './zh-CN/index';
import type { Catalogue } from './catalogue';

/** The English catalogue is the reference: every key the UI uses is declared here first. */
export const en = { common, nav, auth, enums, workbench, caseDetails, tasks, customers, config, evaluate };

export const zhCN: Catalogue<typeof en> = { ...zh };

export const catalogues = { en, 'zh-CN': zhCN } as const;
