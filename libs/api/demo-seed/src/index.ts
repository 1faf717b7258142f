export * from './demo-seed.module';
export * from './demo-seed.service';
export * from './plan-action-vaucluse';
