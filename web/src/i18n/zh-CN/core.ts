// The Chinese catalogues of the first chunk (the frame and the workbench).
export { auth } from './auth';
export { common } from './common';
export { enums } from './enums';
export { nav } from './nav';
export { workbench } from './workbench';
