export { MembersPage } from './lib/members-page';
