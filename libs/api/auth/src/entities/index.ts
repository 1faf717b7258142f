export * from './membership.entity';
export * from './session.entity';
export * from './user.entity';
export * from './workspace.entity';
