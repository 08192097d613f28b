// POST /disputes: a party of a project opens a dispute against the other party.
import { isStaff } from './domain/dispute.ts';
import { displayName } from './domain/dispute-transitions.ts';
import { openDispute, projectSide } from './domain/new-dispute.ts';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem } from './problems/problem.ts';
import { withHttp } from './http/with-http.ts';
import { baseDependencies } from './base-dependencies.ts';
import { createDisputeRequest } from './requests/create-dispute-request.ts';
import { disputeView } from './views/dispute-view.ts';
import { withWrites } from './with-writes.ts';

const deps = withWrites(baseDependencies());

export const handler = withHttp(deps, createDisputeRequest, async ({ request, caller }) => {
  if (isStaff(caller.role)) throw new ForbiddenProblem('Only the client or the master of a project may open a dispute');
  const input = request.body;

  const project = await deps.directory.project(input.project);
  const side = project ? projectSide(project, caller) : null;
  if (!project || !side) throw new NotFoundProblem(`Project ${input.project} not found`);
  if (project.active_dispute_id !== null) {
    throw new ConflictProblem('active_dispute_exists', `Project ${project.id} already has dispute ${project.active_dispute_id}`);
  }

  const [client, master] = await Promise.all([deps.directory.profile(project.client_id), deps.directory.profile(project.master_id)]);
  const dispute = openDispute({
    id: await deps.disputeWrites.allocateId(),
    input,
    project,
    initiatorSide: side,
    profiles: { client, master },
    now: deps.clock().toISOString(),
  });
  const outcome = await deps.disputeWrites.create(dispute, `Dispute opened by ${displayName(dispute.initiator)}`);
  if ('conflict' in outcome) throw new ConflictProblem('active_dispute_exists', `Project ${project.id} already has an active dispute`);
  return { status: 201, body: disputeView(outcome.created, caller, []) };
});
