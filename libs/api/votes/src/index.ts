export * from './ballot-keyring';
export * from './vote-events';
export * from './vote.entity';
export * from './votes.module';
export * from './votes.repository';
export * from './votes.service';
