// Playwright fixtures: `as(user)` gives a typed, contract-checked client for
// that user; `openDispute()` opens a dispute on a project of its own.
import { test as base, expect } from '@playwright/test';
import type { CreateDisputeRequest, Dispute } from '../../contracts/api.ts';
import type { Side } from '../stage/run-projects.ts';
import { clientFor, type ApiClient } from './api-client.ts';
import { testTitle } from '../parity/run-records.ts';
import { recordingRequest } from './recording-request.ts';
import { freshProject, type TestProject, type TestUser } from './test-users.ts';

export interface OpenedDispute {
  dispute: Dispute;
  project: TestProject;
  initiator: TestUser;
  respondent: TestUser;
}

export interface OpenDisputeOptions {
  by?: 'client' | 'master';
  side?: Side;
  body?: Partial<CreateDisputeRequest>;
}

interface Fixtures {
  as: (user: TestUser) => Promise<ApiClient>;
  openDispute: (options?: OpenDisputeOptions) => Promise<OpenedDispute>;
}

export const test = base.extend<Fixtures>({
  request: async ({ request, baseURL }, use, testInfo) => {
    await use(recordingRequest(request, baseURL ?? '', { title: testTitle(testInfo.titlePath), retry: testInfo.retry }));
  },
  as: async ({ request, baseURL }, use) => {
    await use((user) => clientFor(request, user, baseURL ?? ''));
  },
  openDispute: async ({ as }, use) => {
    await use(async (options = {}) => {
      const project = freshProject(options.side);
      const [initiator, respondent] = options.by === 'master' ? [project.master, project.client] : [project.client, project.master];
      const { data, response } = await (await as(initiator)).POST('/disputes', {
        body: { project: project.id, reason: 'quality', description: 'The tiles are cracked', ...options.body },
      });
      expect(response.status, 'a project of its own takes a new dispute').toBe(201);
      return { dispute: data!, project, initiator, respondent };
    });
  },
});

export { expect };
