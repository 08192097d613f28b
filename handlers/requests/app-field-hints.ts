// Names the published mobile app sends where the contract has another way
// (docs/mobile-app-compatibility.md says why each is refused rather than
// accepted). When a request carries one of them as an unknown field or query
// parameter, the 400 says what to send instead.
export const APP_FIELD_HINTS: Readonly<Record<string, string>> = {
  'query.page_size': 'the page size is limit (1 to 100)',
  'query.page': 'pages are cursors: send the next_cursor of the previous page as cursor',
  'query.priority': 'lists filter by status only',
  'query.role': "a party's list holds the disputes it opened and those opened against it; filter by status",
  'query.ordering': 'lists are newest first',
  'body.resolution': 'a reason goes in reason; a party rejects a proposal by escalating: POST /disputes/{id}/escalate',
  'body.action': 'evidence is never deleted: it is part of the record of the dispute',
  'body.fileId': 'evidence is never deleted: it is part of the record of the dispute',
  'body.evidence_files': 'files are added once the dispute is open: POST /disputes/{id}/evidence',
};
