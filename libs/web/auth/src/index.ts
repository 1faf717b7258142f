export { SignInPage } from './lib/sign-in-page';
export { InvitationPage } from './lib/invitation-page';
export { ProfilePage } from './lib/profile-page';
export { RequireAuth } from './lib/require-auth';
export { safeNextPath } from './lib/navigation';
