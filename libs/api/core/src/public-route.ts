import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'miroir:public';

/** Marks a route reachable without a session (sign-in, invitation links, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
