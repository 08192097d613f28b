// Playwright fixtures: `as(user)` gives a typed, contract-checked client for
// that user; `openDispute()` opens a dispute on a project nobody else uses.
import { randomInt } from 'node:crypto';
import { test as base, expect } from '@playwright/test';
import type { CreateDisputeRequest, Dispute } from '../../contracts/api.ts';
import { clientFor, type ApiClient } from './api-client.ts';
import { poolProject, poolSize, reservedPoolProjects, type TestProject, type TestUser } from './test-users.ts';

export interface OpenedDispute {
  dispute: Dispute;
  project: TestProject;
  initiator: TestUser;
  respondent: TestUser;
}

export interface OpenDisputeOptions {
  by?: 'client' | 'master';
  body?: Partial<CreateDisputeRequest>;
}

interface Fixtures {
  as: (user: TestUser) => Promise<ApiClient>;
  openDispute: (options?: OpenDisputeOptions) => Promise<OpenedDispute>;
}

export const test = base.extend<Fixtures>({
  as: async ({ request, baseURL }, use) => {
    await use((user) => clientFor(request, user, baseURL ?? ''));
  },
  openDispute: async ({ as }, use) => {
    await use(async (options = {}) => {
      // A project whose dispute is still active answers 409; try another one.
      for (let attempt = 0; attempt < 25; attempt += 1) {
        const project = poolProject(randomInt(reservedPoolProjects, poolSize));
        const [initiator, respondent] = options.by === 'master' ? [project.master, project.client] : [project.client, project.master];
        const api = await as(initiator);
        const { data, response } = await api.POST('/disputes', {
          body: { project: project.id, reason: 'quality', description: 'The tiles are cracked', ...options.body },
        });
        if (response.status === 201 && data) return { dispute: data, project, initiator, respondent };
        expect(response.status, 'only an active dispute on the project may refuse a new one').toBe(409);
      }
      throw new Error('no free project in the contract-test pool');
    });
  },
});

export { expect };
