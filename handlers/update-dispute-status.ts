// PATCH /disputes/{id}/status: the staff tool — propose a resolution, decide
// an escalated dispute (admin), or move it along the same transition table.
import { isStaff } from './domain/dispute.ts';
import { ActionForbidden, TransitionRefused } from './domain/dispute-errors.ts';
import { statusUpdateIntent } from './domain/status-update.ts';
import { ValidationProblem } from './problems/problem.ts';
import { withHttp } from './http/with-http.ts';
import { baseDependencies } from './base-dependencies.ts';
import { updateDisputeStatusRequest } from './requests/update-dispute-status-request.ts';
import { conflictState } from './use-cases/contended-write.ts';
import { disputeDetails } from './use-cases/dispute-details.ts';
import { runTransition } from './use-cases/run-transition.ts';
import { withEvidence } from './with-evidence.ts';
import { withWrites } from './with-writes.ts';

const deps = withEvidence(withWrites(baseDependencies()));

export const handler = withHttp(deps, updateDisputeStatusRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const ifMatch = request.headers['if-match'];
  const intent = statusUpdateIntent(request.body);
  if (!intent.ok) throw new ValidationProblem(intent.errors);

  const stored = await runTransition(deps, {
    disputeId,
    caller,
    ifMatch,
    precheck: () => {
      if (!isStaff(caller.role)) throw new ActionForbidden('Only mediators and admins may change the status directly');
    },
    command: ({ dispute }) => {
      if (intent.command === null) {
        throw new TransitionRefused('No transition leads back to open', conflictState(dispute, caller));
      }
      return intent.command;
    },
  });
  return { status: 200, body: await disputeDetails(deps, stored, caller) };
});
