import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'gongwen:public';
/** Health, docs and the dashboard shell need no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
