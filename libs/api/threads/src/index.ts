export * from './thread-events';
export * from './threads.module';
export * from './threads.repository';
export * from './threads.service';
