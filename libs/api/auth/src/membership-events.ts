import { Injectable } from '@nestjs/common';
import type { WorkspaceRole } from '@miroir/shared/contracts';
import { Subject, type Observable } from 'rxjs';

export interface MembershipChange {
  workspaceId: string;
  userId: string;
  /** The new role, or null when the member was removed. */
  role: WorkspaceRole | null;
  /** Set when the change was relayed from another api instance. */
  relayed?: boolean;
}

/** Role changes and removals, so that open connections lose their rights at once. */
@Injectable()
export class MembershipEvents {
  private readonly subject = new Subject<MembershipChange>();
  readonly changes: Observable<MembershipChange> = this.subject.asObservable();

  publish(change: MembershipChange): void {
    this.subject.next(change);
  }
}
