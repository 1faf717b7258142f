import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerException } from '@nestjs/throttler';
import type { Request } from 'express';

/** Counts sign-in attempts per address and per account, so guessing one password is slowed. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const email = (request as unknown as Request).body?.email;
    return `${(request as unknown as Request).ip}:${typeof email === 'string' ? email.toLowerCase() : ''}`;
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new ThrottlerException('Too many sign-in attempts, try again in a minute');
  }
}
