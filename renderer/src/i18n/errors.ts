// An error from the desk is already in plain words (the desk writes them); errors the renderer
// makes itself (the host link) are worded here.

import type { DeskError } from '../../../preload/contract.ts';
import type { Translate } from './index.ts';

export function errorText(t: Translate, error: DeskError): string {
  return error.code === 'bridge-lost' ? t('error.bridge-lost') : error.message;
}
