// POST /disputes: a party of a project opens a dispute against the other party.
import { getProfile, getProject } from './data/directory-repository.ts';
import { allocateDisputeId, createDispute } from './data/dispute-repository.ts';
import { isStaff } from './domain/dispute.ts';
import { displayName } from './domain/dispute-transitions.ts';
import { openDispute, projectSide } from './domain/new-dispute.ts';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem } from './http/problem.ts';
import { withHttp } from './http/with-http.ts';
import { createDisputeRequest } from './requests/create-dispute-request.ts';
import { disputeView } from './views/dispute-view.ts';

export const handler = withHttp(createDisputeRequest, async ({ request, caller }) => {
  if (isStaff(caller.role)) throw new ForbiddenProblem('Only the client or the master of a project may open a dispute');
  const input = request.body;

  const project = await getProject(input.project);
  const side = project ? projectSide(project, caller) : null;
  if (!project || !side) throw new NotFoundProblem(`Project ${input.project} not found`);
  if (project.active_dispute_id !== null) {
    throw new ConflictProblem('active_dispute_exists', `Project ${project.id} already has dispute ${project.active_dispute_id}`);
  }

  const [client, master] = await Promise.all([getProfile(project.client_id), getProfile(project.master_id)]);
  const dispute = openDispute({
    id: await allocateDisputeId(),
    input,
    project,
    initiatorSide: side,
    profiles: { client, master },
    now: new Date().toISOString(),
  });
  const outcome = await createDispute(dispute, `Dispute opened by ${displayName(dispute.initiator)}`);
  if ('conflict' in outcome) throw new ConflictProblem('active_dispute_exists', `Project ${project.id} already has an active dispute`);
  return { status: 201, body: disputeView(outcome.created, caller, []) };
});
