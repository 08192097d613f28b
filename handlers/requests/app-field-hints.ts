// Names the published mobile app sends where the contract has another way
// (docs/mobile-app-compatibility.md says how each is decided), per operation.
// When a request carries one of them as an unknown field or query parameter,
// the 400 says what to send instead; the names the contract takes as
// compatibility forms (app-paging.ts, close-dispute-request.ts) use the same
// words in the 400s of their own rules.
import type { OperationId } from '../../contracts/api.ts';

const PAGING = {
  'query.page_size': 'the page size is limit (1 to 100)',
  'query.page': 'pages are cursors: send the next_cursor of the previous page as cursor',
};
const NEVER_DELETED = 'evidence is never deleted: it is part of the record of the dispute';

export const APP_FIELD_HINTS = {
  listDisputes: {
    ...PAGING,
    'query.priority': 'lists filter by status only',
    'query.role': "a party's list holds the disputes it opened and those opened against it; filter by status",
    'query.ordering': 'lists are newest first',
  },
  listDisputeMessages: PAGING,
  createDispute: { 'body.evidence_files': 'files are added once the dispute is open: POST /disputes/{id}/evidence' },
  closeDispute: { 'body.resolution': 'a reason goes in reason; a party rejects a proposal by escalating: POST /disputes/{id}/escalate' },
  addEvidence: { 'body.action': NEVER_DELETED, 'body.fileId': NEVER_DELETED },
} satisfies Partial<Record<OperationId, Readonly<Record<string, string>>>>;
