export { PlansPage } from './lib/plans-page';
export { PlanPage } from './lib/plan-page';
export { AxisPage, type AxisPageProps } from './lib/axis-page';
export { AxisTree, type AxisTreeProps, type MoveDirection } from './lib/axis-tree';
