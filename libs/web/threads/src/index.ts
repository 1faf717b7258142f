export { ThreadsSection, type ThreadsSectionProps } from './lib/threads-section';
export { CommentBody, type CommentBodyProps } from './lib/comment-body';
