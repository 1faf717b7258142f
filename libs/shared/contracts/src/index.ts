export * from './auth';
export * from './errors';
export * from './members';
export * from './plans';
export * from './profile';
export * from './roles';
export * from './realtime';
export * from './votes';
