export * from './axis-proposal.resolver';
export * from './axis.entity';
export * from './plan.entity';
export * from './plans-axis-owner.resolver';
export * from './plans.module';
export * from './plans.repository';
export * from './axis-ownership-version';
