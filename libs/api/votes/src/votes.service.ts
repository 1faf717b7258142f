import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { WorkspaceAccess } from '@miroir/api/auth';
import { ApiException, AxisCloseChecks, AxisOwnerResolver, type AxisOwner } from '@miroir/api/core';
import {
  WORKSPACE_ROLES,
  type CastBallotRequest,
  type OpenVoteRequest,
  type Participation,
  type VoteDetail,
  type VoteParticipation,
  type VoteResults,
  type VoteSummary,
  type VoteTally,
  type WorkspaceRole,
} from '@miroir/shared/contracts';
import {
  buildVoteOptions,
  can,
  checkVoteDefinition,
  normalizeBallot,
  participation,
  tally,
  validateBallot,
  type Rejection,
  type VoteRules,
  type WorkspaceAction,
} from '@miroir/shared/domain';
import type { EntityManager } from 'typeorm';
import { BallotKeyring } from './ballot-keyring';
import { VoteEvents } from './vote-events';
import type { VoteEntity } from './vote.entity';
import { VotesRepository } from './votes.repository';

/** Roles whose members make up a vote's electorate. */
const VOTING_ROLES: readonly WorkspaceRole[] = WORKSPACE_ROLES.filter((role) => can(role, 'vote.cast'));

/** How often open votes whose time has run out are closed (besides any access to them). */
const SWEEP_INTERVAL_MS = 30_000;

interface VoteAccess {
  vote: VoteEntity;
  owner: AxisOwner;
  role: WorkspaceRole;
}

function rejected(rejection: Rejection): ApiException {
  return new ApiException(400, 'VALIDATION_FAILED', `Invalid ${rejection.field}`, [
    { field: rejection.field, messages: [rejection.message], constraints: [rejection.constraint] },
  ]);
}

function voteClosed(): ApiException {
  return new ApiException(409, 'VOTE_CLOSED', 'This vote is closed: it accepts no ballot and cannot be closed again');
}

function rulesOf(vote: VoteEntity): VoteRules {
  return { kind: vote.kind, options: vote.options, budget: vote.budget, quorum: vote.quorum, quorumAllTypes: vote.quorumAllTypes };
}

@Injectable()
export class VotesService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(VotesService.name);
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly votes: VotesRepository,
    private readonly access: WorkspaceAccess,
    private readonly axes: AxisOwnerResolver,
    private readonly keyring: BallotKeyring,
    private readonly events: VoteEvents,
    private readonly closeChecks: AxisCloseChecks,
  ) {}

  onModuleInit(): void {
    // A closed axis takes no ballots: its open votes are closed (or wait for their date) first.
    this.closeChecks.register(async (axisId) => {
      const open = await this.votes.openVoteCount(axisId);
      return open === 0 ? null : { code: 'VOTES_OPEN', message: `${open} vote(s) of this axis are still open: close them before closing the axis` };
    });
    this.sweeper = setInterval(() => void this.closeDueVotes(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  async open(callerId: string, axisId: string, request: OpenVoteRequest): Promise<VoteDetail> {
    const { owner } = await this.axisFor(callerId, axisId, 'vote.manage');
    const question = request.question.trim();
    if (!question) throw ApiException.invalidField('question', 'question must not be blank', 'isNotEmpty');
    const rejection = checkVoteDefinition(request, new Date());
    if (rejection) throw rejected(rejection);
    const vote = await this.votes.insertVote({
      axisId,
      question,
      kind: request.kind,
      options: buildVoteOptions(request.kind, request.options),
      budget: request.kind === 'dot' ? (request.budget ?? null) : null,
      secret: request.secret,
      resultsVisibleBeforeClose: request.resultsVisibleBeforeClose ?? false,
      quorum: request.quorum ?? null,
      quorumAllTypes: request.quorumAllTypes ?? false,
      closesAt: new Date(request.closesAt),
      openedBy: callerId,
    });
    if (!vote) throw new ApiException(409, 'AXIS_CLOSED', 'This axis is closed: no vote may be opened on it');
    await this.publish('opened', vote, owner);
    return this.detail(vote, owner, callerId);
  }

  async list(callerId: string, axisId: string): Promise<VoteSummary[]> {
    const { owner } = await this.axisFor(callerId, axisId, 'plan.read');
    let votes = await this.votes.listForAxis(axisId);
    if (votes.some((vote) => this.isDue(vote))) {
      await Promise.all(votes.filter((vote) => this.isDue(vote)).map((vote) => this.closeIfDue(vote.id, owner)));
      votes = await this.votes.listForAxis(axisId);
    }
    const voted = await this.votes.votedIn(
      callerId,
      votes.map((vote) => vote.id),
    );
    const names = await this.votes.displayNames(votes.flatMap((vote) => (vote.openedBy ? [vote.openedBy] : [])));
    return Promise.all(votes.map(async (vote) => this.summary(vote, await this.participationOf(vote, owner), voted.has(vote.id), names)));
  }

  async get(callerId: string, voteId: string): Promise<VoteDetail> {
    const { vote, owner } = await this.voteFor(callerId, voteId, 'plan.read');
    return this.detail(vote, owner, callerId);
  }

  async participation(callerId: string, voteId: string): Promise<VoteParticipation> {
    const { vote, owner } = await this.voteFor(callerId, voteId, 'plan.read');
    return { voteId: vote.id, status: vote.closedAt ? 'closed' : 'open', ...(await this.participationOf(vote, owner)) };
  }

  async cast(callerId: string, voteId: string, request: CastBallotRequest): Promise<VoteDetail> {
    const { vote, owner } = await this.voteFor(callerId, voteId, 'vote.cast');
    if (vote.closedAt) throw voteClosed();
    const rules = rulesOf(vote);
    const input = { ...request } as Record<string, unknown>;
    const rejection = validateBallot(rules, input);
    if (rejection) throw rejected(rejection);
    const outcome = await this.votes.cast({
      voteId,
      userId: callerId,
      secret: vote.secret,
      voterKey: vote.secret ? await this.keyring.voterKey(voteId, callerId) : null,
      choice: normalizeBallot(rules, input),
    });
    if (outcome === 'missing') throw ApiException.notFound('Vote');
    if (outcome === 'closed') {
      // Its time ran out before anyone closed it: close it now, then refuse.
      await this.closeIfDue(voteId, owner);
      throw voteClosed();
    }
    await this.publish('ballot', vote, owner);
    return this.detail(vote, owner, callerId);
  }

  async close(callerId: string, voteId: string): Promise<VoteDetail> {
    const { vote, owner } = await this.voteFor(callerId, voteId, 'vote.manage');
    if (vote.closedAt) throw voteClosed();
    const result = await this.votes.finalize(voteId, true, (manager, locked) => this.freeze(manager, locked, owner));
    if (result.outcome === 'missing') throw ApiException.notFound('Vote');
    if (result.outcome === 'closed') await this.publish('closed', result.vote, owner);
    if (result.outcome !== 'closed' || result.expired) throw voteClosed();
    return this.detail(result.vote, owner, callerId);
  }

  /** Closes every open vote whose time has run out; run periodically and safe to run anywhere. */
  async closeDueVotes(): Promise<number> {
    let closed = 0;
    try {
      for (const voteId of await this.votes.dueVoteIds()) {
        const vote = await this.votes.findVote(voteId);
        const owner = vote && (await this.axes.resolveAxis(vote.axisId));
        if (owner && (await this.closeIfDue(voteId, owner))) closed += 1;
      }
    } catch (error) {
      if (this.sweeper) this.logger.error(error);
    }
    return closed;
  }

  private isDue(vote: VoteEntity): boolean {
    return vote.closedAt === null && vote.closesAt.getTime() <= Date.now();
  }

  private async closeIfDue(voteId: string, owner: AxisOwner): Promise<boolean> {
    const result = await this.votes.finalize(voteId, false, (manager, locked) => this.freeze(manager, locked, owner));
    if (result.outcome !== 'closed') return false;
    await this.publish('closed', result.vote, owner);
    return true;
  }

  /** The tally frozen with a closing vote: from then on neither new members nor profile edits change it. */
  private async freeze(manager: EntityManager, vote: VoteEntity, owner: AxisOwner): Promise<VoteTally> {
    const [ballots, electorate] = await Promise.all([
      this.votes.ballotChoices(vote.id, manager),
      this.votes.electorate(owner.workspaceId, vote.id, VOTING_ROLES, manager),
    ]);
    return tally(rulesOf(vote), ballots, electorate);
  }

  private async participationOf(vote: VoteEntity, owner: AxisOwner): Promise<Participation> {
    if (vote.results) return vote.results.participation;
    return participation(await this.votes.electorate(owner.workspaceId, vote.id, VOTING_ROLES));
  }

  private async publish(type: 'opened' | 'ballot' | 'closed', vote: VoteEntity, owner: AxisOwner): Promise<void> {
    const { voters, eligible } = await this.participationOf(vote, owner);
    this.events.publish({ type, voteId: vote.id, axisId: vote.axisId, workspaceId: owner.workspaceId, voters, eligible });
  }

  private summary(vote: VoteEntity, turnout: Participation, hasVoted: boolean, names: Map<string, string>): VoteSummary {
    return {
      id: vote.id,
      axisId: vote.axisId,
      question: vote.question,
      kind: vote.kind,
      options: vote.options,
      budget: vote.budget,
      secret: vote.secret,
      resultsVisibleBeforeClose: vote.resultsVisibleBeforeClose,
      quorum: vote.quorum,
      quorumAllTypes: vote.quorumAllTypes,
      closesAt: vote.closesAt.toISOString(),
      closedAt: vote.closedAt?.toISOString() ?? null,
      status: vote.closedAt ? 'closed' : 'open',
      openedBy: { userId: vote.openedBy, displayName: vote.openedBy ? (names.get(vote.openedBy) ?? null) : null },
      createdAt: vote.createdAt.toISOString(),
      voters: turnout.voters,
      eligible: turnout.eligible,
      hasVoted,
    };
  }

  private async detail(vote: VoteEntity, owner: AxisOwner, callerId: string): Promise<VoteDetail> {
    const current = (await this.votes.findVote(vote.id)) ?? vote;
    const turnout = await this.participationOf(current, owner);
    const hasVoted = (await this.votes.votedIn(callerId, [current.id])).has(current.id);
    const names = await this.votes.displayNames(current.openedBy ? [current.openedBy] : []);
    return {
      ...this.summary(current, turnout, hasVoted, names),
      myBallot: hasVoted ? await this.ownBallot(current, callerId) : null,
      results: await this.results(current, owner),
    };
  }

  /** A secret ballot is findable only while the vote is open: closing erased its voter key. */
  private async ownBallot(vote: VoteEntity, callerId: string): Promise<VoteDetail['myBallot']> {
    if (!vote.secret) return this.votes.ownBallot(vote.id, { userId: callerId });
    if (vote.closedAt) return null;
    return this.votes.ownBallot(vote.id, { voterKey: await this.keyring.voterKey(vote.id, callerId) });
  }

  private async results(vote: VoteEntity, owner: AxisOwner): Promise<VoteResults | null> {
    if (!vote.closedAt && !vote.resultsVisibleBeforeClose) return null;
    const computed =
      vote.results ??
      tally(rulesOf(vote), await this.votes.ballotChoices(vote.id), await this.votes.electorate(owner.workspaceId, vote.id, VOTING_ROLES));
    return vote.secret ? computed : { ...computed, namedBallots: await this.votes.namedBallots(vote.id) };
  }

  /**
   * The axis and the caller's role, when it allows `action`. Outsiders get 404; so does anyone
   * who does not manage axes when the axis is archived, as for the axis itself.
   */
  private async axisFor(callerId: string, axisId: string, action: WorkspaceAction): Promise<{ owner: AxisOwner; role: WorkspaceRole }> {
    const owner = await this.axes.resolveAxis(axisId);
    if (!owner) throw ApiException.notFound('Axis');
    const role = await this.access.require(callerId, owner.workspaceId, action, 'Axis');
    if (owner.archived && !can(role, 'axis.manage')) throw ApiException.notFound('Axis');
    return { owner, role };
  }

  /** The vote (closed first if its time has run out), its axis and the caller's role. */
  private async voteFor(callerId: string, voteId: string, action: WorkspaceAction): Promise<VoteAccess> {
    const vote = await this.votes.findVote(voteId);
    if (!vote) throw ApiException.notFound('Vote');
    const owner = await this.axes.resolveAxis(vote.axisId);
    if (!owner) throw ApiException.notFound('Vote');
    const role = await this.access.require(callerId, owner.workspaceId, action, 'Vote');
    if (owner.archived && !can(role, 'axis.manage')) throw ApiException.notFound('Vote');
    if (this.isDue(vote)) {
      await this.closeIfDue(voteId, owner);
      return { vote: (await this.votes.findVote(voteId)) ?? vote, owner, role };
    }
    return { vote, owner, role };
  }
}
