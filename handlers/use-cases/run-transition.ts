// The shared flow of every state change: read, check If-Match and the rules,
// compute the change, commit it in one transaction. When the commit loses a
// race: VersionMismatch if the caller pinned a version, DisputeChanged or
// TransitionRefused if the dispute moved on, and a quiet retry otherwise (see contended-write.ts).
import type { DirectoryReads } from '../data/directory-reads.ts';
import type { StoredDispute } from '../data/dispute-item.ts';
import type { DisputeReads } from '../data/dispute-reads.ts';
import type { DisputeWrites } from '../data/dispute-writes.ts';
import type { Clock } from '../domain/clock.ts';
import type { Caller } from '../domain/dispute.ts';
import { decide } from '../domain/dispute-rules.ts';
import { COMMAND_ACTION, applyCommand, type DisputeCommand } from '../domain/dispute-transitions.ts';
import { DisputeNotFound, VersionMismatch } from '../domain/dispute-errors.ts';
import { changedUnderfoot, retryContendedWrite, type Backoff } from './contended-write.ts';
import { actorRef, loadVisibleDispute, requireAllowed } from './dispute-access.ts';

export interface TransitionDependencies {
  disputes: DisputeReads;
  disputeWrites: DisputeWrites;
  directory: DirectoryReads;
  clock: Clock;
  backoff?: Backoff;
}

export interface TransitionRequest {
  disputeId: number;
  caller: Caller;
  ifMatch: number | undefined;
  /** Chooses the command once the current dispute is known (PATCH /status needs it). */
  command: (stored: StoredDispute) => DisputeCommand;
  /** Authorization beyond the rules table, e.g. staff-only routes; runs before If-Match. */
  precheck?: (stored: StoredDispute) => void;
}

export async function runTransition(deps: TransitionDependencies, request: TransitionRequest): Promise<StoredDispute> {
  const { disputeId, caller, ifMatch } = request;
  let stored = await loadVisibleDispute(deps.disputes, disputeId, caller);
  return retryContendedWrite<StoredDispute>(
    caller,
    async () => {
      // Authorization first (ActionForbidden), then the caller's precondition (VersionMismatch), then the state rules (TransitionRefused).
      request.precheck?.(stored);
      const command = request.command(stored);
      const action = COMMAND_ACTION[command.kind];
      if (decide(action, stored.dispute, caller) === 'forbidden') requireAllowed(action, stored.dispute, caller);
      if (ifMatch !== undefined && stored.dispute.version !== ifMatch) throw new VersionMismatch(stored.dispute.version);
      requireAllowed(action, stored.dispute, caller);
      const actor = await actorRef(deps.directory, caller, stored.dispute);
      const transition = applyCommand(stored.dispute, command, actor, deps.clock().toISOString());
      const committed = await deps.disputeWrites.commitTransition(stored, transition, caller.id);
      if (committed !== 'conflict') return { committed };

      const latest = await deps.disputes.get(disputeId);
      if (!latest) throw new DisputeNotFound(disputeId);
      if (latest.dispute.version !== stored.dispute.version) throw changedUnderfoot(latest.dispute, caller, action, ifMatch);
      stored = latest;
      return { lost: latest.dispute };
    },
    deps.backoff,
  );
}
