// Named aliases into the generated contract types, so that no other file
// writes long index chains into `components` or `paths`.
import type { components, operations, paths } from './openapi.d.ts';

export type { components, operations, paths };

type Schemas = components['schemas'];

export type Dispute = Schemas['Dispute'];
export type DisputeList = Schemas['DisputeList'];
export type DisputeStatus = Schemas['DisputeStatus'];
export type DisputeReason = Schemas['DisputeReason'];
export type DisputePriority = Schemas['DisputePriority'];
export type DisputeAction = Schemas['DisputeAction'];
export type ResolutionType = Schemas['ResolutionType'];
export type Role = Schemas['Role'];
export type UserRef = Schemas['UserRef'];
export type ProjectRef = Schemas['ProjectRef'];
export type Message = Schemas['Message'];
export type MessageList = Schemas['MessageList'];
export type Evidence = Schemas['Evidence'];
export type EvidenceContentType = Schemas['EvidenceContentType'];
export type EvidenceUpload = Schemas['EvidenceUpload'];
export type Problem = Schemas['Problem'];
export type ProblemCode = Schemas['ProblemCode'];
export type FieldError = Schemas['FieldError'];
export type GatewayMessage = Schemas['GatewayMessage'];

export type CreateDisputeRequest = Schemas['CreateDisputeRequest'];
export type UpdateStatusRequest = Schemas['UpdateStatusRequest'];
export type CloseRequest = Schemas['CloseRequest'];
export type EscalateRequest = Schemas['EscalateRequest'];
export type MediateRequest = Schemas['MediateRequest'];
export type SendMessageRequest = Schemas['SendMessageRequest'];
export type AddEvidenceRequest = Schemas['AddEvidenceRequest'];
export type AddEvidenceUpload = Schemas['AddEvidenceUpload'];

export type OperationId = keyof operations;
