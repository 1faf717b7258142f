import { Foundation1764316800000 } from './1764316800000-foundation';
import { CollabDocuments1764403200000 } from './1764403200000-collab-documents';
import { Votes1764489600000 } from './1764489600000-votes';
import { Threads1764576000000 } from './1764576000000-threads';
import { CommentClientIds1764662400000 } from './1764662400000-comment-client-ids';

/** Every migration, in order: run at start-up, never `synchronize`. */
export const MIGRATIONS = [Foundation1764316800000, CollabDocuments1764403200000, Votes1764489600000, Threads1764576000000, CommentClientIds1764662400000];
