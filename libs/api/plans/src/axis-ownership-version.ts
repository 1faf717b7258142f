import { Injectable } from '@nestjs/common';

/**
 * Grows after every committed change of plans or axes made by this instance (see
 * DocumentAccessResolver.version): an owner read before a change is never reused after it.
 */
@Injectable()
export class AxisOwnershipVersion {
  private value = 0;

  current(): number {
    return this.value;
  }

  bump(): void {
    this.value += 1;
  }
}
