import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@miroir/api/auth';
import { AxisOwnerResolver } from '@miroir/api/core';
import { BallotKeyring } from './ballot-keyring';
import { VoteEvents } from './vote-events';
import { VoteEntity } from './vote.entity';
import { VotesController } from './votes.controller';
import { VotesRepository } from './votes.repository';
import { VotesService } from './votes.service';
import { VotesLiveForwarder } from './votes-live.forwarder';

export interface VotesModuleOptions {
  /** The module exporting the resolver, and the resolver that says which workspace owns an axis. */
  resolverModule: NonNullable<ModuleMetadata['imports']>[number];
  resolver: Type<AxisOwnerResolver>;
}

/** Votes on axes: consent, choices, scores, rankings and dot votes, named or secret. */
@Module({})
export class VotesModule {
  static register(options: VotesModuleOptions): DynamicModule {
    return {
      module: VotesModule,
      imports: [AuthModule, TypeOrmModule.forFeature([VoteEntity]), options.resolverModule],
      controllers: [VotesController],
      providers: [
        { provide: AxisOwnerResolver, useExisting: options.resolver },
        VotesRepository,
        BallotKeyring,
        VoteEvents,
        VotesService,
        VotesLiveForwarder,
      ],
      exports: [VoteEvents, VotesService],
    };
  }
}
