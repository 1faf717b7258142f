export * from './live-hub.gateway';
export * from './realtime.config';
export * from './realtime.module';
export * from './redis-bus.service';
export * from './socket-authenticator';
export * from './token-bucket';
